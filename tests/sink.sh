# tests/sink.sh: the SMTP sink the mail tests deliver to (Debian's python3-aiosmtpd),
# sourced after tests/lib.sh. Needs PY (the system python3), SMTP_PORT, SINK (a
# directory) and TMP. The sink keeps each message exactly as received: N.eml
# (raw bytes) and N.rcpt (the envelope recipients), written whole before they
# appear. sink_start / sink_stop; a test stops it in its EXIT trap.
cat > "$TMP/sinkhandler.py" <<'PY'
import itertools, os
class Saver:
    def __init__(self, directory):
        self.dir, self.n = directory, itertools.count(1)
    @classmethod
    def from_cli(cls, parser, *args):
        return cls(*args)
    async def handle_DATA(self, server, session, envelope):
        name = os.path.join(self.dir, "%d-%d" % (os.getpid(), next(self.n)))
        with open(name + ".tmp", "wb") as f:
            f.write(envelope.original_content)
        with open(name + ".rcpt", "w") as f:
            f.write("\n".join(envelope.rcpt_tos))
        os.rename(name + ".tmp", name + ".eml")
        return "250 OK"
PY
sink_start() {
    PYTHONPATH=$TMP "$PY" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c sinkhandler.Saver "$SINK" \
        >>"$TMP/sink.log" 2>&1 &
    SINK_PID=$!
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "# the SMTP sink did not start:"; sed 's/^/#   /' "$TMP/sink.log"
}
sink_stop() {
    [ -n "${SINK_PID:-}" ] || return 0
    kill "$SINK_PID" 2>/dev/null
    wait "$SINK_PID" 2>/dev/null
    SINK_PID=
}
