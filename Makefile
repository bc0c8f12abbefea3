# Atiende: `make run` starts everything with demo data; `make test` runs every test.
# `make` builds into build/; `make SAN=1` builds the sanitizer variant into build-san/.

SCREENS := login logout health home admin_users admin_teams admin_areas admin_roles admin_rules admin_catalogs admin_campaigns customers lookup cases tasks reports attachments solutions notifications admin_outbox admin_quarantine portal password presence
PROGRAMS := atiende-admin

SAN ?= 0
ifeq ($(SAN),1)
  BUILD ?= build-san
  SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
  BUILD ?= build
  SANFLAGS :=
endif

CC := gcc
# Quiet by default; `make V=1` shows the full commands.
ifeq ($(V),1)
  Q :=
  say = @true
else
  Q := @
  say = @printf '  %-4s %s\n'
endif
CFLAGS := -std=c17 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror -Wformat=2 -Wshadow \
          -Wno-unused-parameter -I lib -I /usr/include/ClearSilver -I /usr/include/mariadb \
          -MMD -MP $(SANFLAGS)
LDLIBS := -lfcgi -lneo_cgi -lneo_cs -lneo_utl -lz -lmariadb -lsodium -lcmark
LDFLAGS := $(SANFLAGS)

LIB_SRC := $(wildcard lib/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
LIB := $(BUILD)/libatiende.a
SCREEN_BIN := $(SCREENS:%=$(BUILD)/cgi-bin/%)
ADMIN_OBJ := $(BUILD)/bin/atiende-admin.o $(BUILD)/bin/migrate.o
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all run stop test deps fuzz clean status
.SECONDARY:
all: $(LIB) $(SCREEN_BIN) $(BUILD)/bin/atiende-admin $(BUILD)/bin/atiende-mailer $(BUILD)/bin/atiende-fetch $(BUILD)/bin/atiende-escalate $(UNIT_BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(say) AR $@
	$(Q)ar rcs $@ $^

# A screen is cgi-bin/<name>.c, plus cgi-bin/<name>/*.c when it has parts.
# (Their objects go under parts/: build/cgi-bin/<name> is the program.)
screen_parts = $(patsubst cgi-bin/%.c,$(BUILD)/parts/%.o,$(wildcard cgi-bin/$(1)/*.c))
$(BUILD)/parts/%.o: cgi-bin/%.c
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

.SECONDEXPANSION:
$(BUILD)/cgi-bin/%: $(BUILD)/cgi-bin/%.o $$(call screen_parts,$$*) $(LIB)
	$(say) LD $@
	$(Q)$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(LIB) $(LDLIBS)

$(BUILD)/bin/atiende-admin: $(ADMIN_OBJ) $(LIB)
	$(say) LD $@
	$(Q)$(CC) $(LDFLAGS) -o $@ $(ADMIN_OBJ) $(LIB) $(LDLIBS)

# The escalation job: lib/ only.
$(BUILD)/bin/atiende-escalate: $(BUILD)/bin/atiende-escalate.o $(LIB)
	$(say) LD $@
	$(Q)$(CC) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

# The outbox's delivery daemon: lib/ plus libcurl for SMTP.
$(BUILD)/bin/atiende-mailer: $(BUILD)/bin/atiende-mailer.o $(LIB)
	$(say) LD $@
	$(Q)$(CC) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS) -lcurl
-include $(BUILD)/bin/atiende-mailer.d

# The mailbox reader (IMAP -> cases, lib/inbound.c): lib/ plus libcurl for IMAP.
$(BUILD)/bin/atiende-fetch: $(BUILD)/bin/atiende-fetch.o $(LIB)
	$(say) LD $@
	$(Q)$(CC) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS) -lcurl
-include $(BUILD)/bin/atiende-fetch.d

# The benchmarks' ceiling: an empty FastCGI "hello" (libfcgi only). In `all`
# so -Werror checks it; only the bench stack routes it (tests/bench/run).
all: $(BUILD)/bench/hello
$(BUILD)/bench/hello: tests/bench/hello.c
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< -lfcgi

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(LIB)
	@mkdir -p $(dir $@)
	$(say) LD $@
	$(Q)$(CC) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

# Installs the Debian packages the two commands need, only those missing.
deps:
	@tests/deps.sh

run: deps all
	@bin/atiende-ctl start --demo
	@echo
	@echo "Atiende is running at http://127.0.0.1:8080/"
	@echo "Demo logins (login / password):"
	@echo "  admin      / admin-demo        administrator"
	@echo "  supervisor / supervisor-demo   supervisor"
	@echo "  agente     / agente-demo       agent (also agente2)"
	@echo "  cliente    / cliente-demo      portal customer (her own cases)"
	@echo "  empresa    / empresa-demo      portal admin of Comercial Andina (all its cases)"
	@echo "Stop it with: make stop"

stop:
	bin/atiende-ctl stop

status:
	bin/atiende-ctl status

test: deps
	$(MAKE) all
	$(MAKE) SAN=1 all
	tests/run.sh

# The benchmarks at a million cases (tests/bench/run, the plain build; BENCH_ARGS=--reuse
# keeps a loaded scratch database); not in `make test`.
.PHONY: bench
bench: deps
	$(MAKE) SAN=0 all
	tests/bench/run $(BENCH_ARGS)

# The request-parser fuzzers (clang's libFuzzer); tests/run.sh runs them for a bounded time.
fuzz: $(BUILD)/fuzz_form $(BUILD)/fuzz_multipart $(BUILD)/fuzz_mime
$(BUILD)/fuzz_form: tests/fuzz/fuzz_form.c lib/form.c lib/arena.c
	@mkdir -p $(dir $@)
	$(say) FUZZ $@
	$(Q)clang -std=c17 -D_GNU_SOURCE -g -O1 -I lib -fsanitize=fuzzer,address,undefined $^ -o $@
$(BUILD)/fuzz_multipart: tests/fuzz/fuzz_multipart.c lib/multipart.c lib/form.c lib/arena.c lib/multipart.h lib/form.h lib/arena.h
	@mkdir -p $(dir $@)
	$(say) FUZZ $@
	$(Q)clang -std=c17 -D_GNU_SOURCE -g -O1 -I lib -fsanitize=fuzzer,address,undefined $(filter %.c,$^) -o $@
# The e-mail parser; its header limit lowered to 4 KiB so that short inputs reach it.
$(BUILD)/fuzz_mime: tests/fuzz/fuzz_mime.c lib/mime.c lib/form.c lib/arena.c lib/mime.h lib/form.h lib/arena.h
	@mkdir -p $(dir $@)
	$(say) FUZZ $@
	$(Q)clang -std=c17 -D_GNU_SOURCE -g -O1 -I lib -DMIME_MAX_HEADER_BYTES=4096 -fsanitize=fuzzer,address,undefined $(filter %.c,$^) -o $@

clean:
	rm -rf build build-san

-include $(LIB_OBJ:.o=.d) $(ADMIN_OBJ:.o=.d) $(SCREENS:%=$(BUILD)/cgi-bin/%.d) $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/unit/%.d) $(wildcard $(BUILD)/parts/*/*.d)
