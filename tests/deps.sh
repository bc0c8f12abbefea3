#!/bin/sh
# Installs the Debian packages that `make run` and `make test` use, when missing.
set -e
PKGS="build-essential pkg-config clang libclang-rt-14-dev clearsilver-dev libfcgi-dev libfcgi-bin
spawn-fcgi multiwatch nginx-light libmariadb-dev mariadb-server mariadb-client
libcurl4-openssl-dev zlib1g-dev libsodium-dev libcrypt-dev libcmark-dev apache2 wrk jq curl
python3-aiosmtpd dovecot-imapd chromium tzdata ca-certificates"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
    echo "installing:$missing"
    if [ "$(id -u)" != 0 ]; then
        echo "deps: these packages are missing and installing them needs root:$missing" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    # Atiende runs its own private MariaDB, nginx and Apache (and the mail test
    # its own dovecot); the packages' system services must not start (nginx and
    # Apache would both want port 80, dovecot 143).
    created_policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
        chmod +x /usr/sbin/policy-rc.d
        created_policy=1
    fi
    status=0
    apt-get -o DPkg::Lock::Timeout=600 update -q &&
        apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends $missing </dev/null ||
        status=$?
    [ -n "$created_policy" ] && rm -f /usr/sbin/policy-rc.d
    exit $status
fi
