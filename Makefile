# postkiosk — plain Makefile. `make run` and `make test` are all a newcomer needs:
# both first make sure the Debian packages are there (scripts/install-deps.sh).
# Sources are found by wildcard; basenames are unique across folders, so every
# object lands in one build folder.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc
PKGS    := ncursesw sqlite3 libqrencode libutf8proc libsodium freetype2 libpng inih
TPKGS   := cunit zbar
# The heavy parts are shared modules loaded on first use (kiosk/base/module.h):
# each room's module/ folder is built as $(BUILD)/modules/pk-ROOM.so and
# linked with its own libraries, never with the program, so that the kiosk
# maps none of them until they are needed. MOD_PKGS_x / MOD_LIBS_x: module x.
MOD_PKGS_sync   := libpq
MOD_PKGS_notify := libcurl
MOD_PKGS_papers := pangocairo
MOD_LIBS_papers := -lcups -lzint
MOD_PKGS_speech := espeak-ng
MOD_PKGS := $(MOD_PKGS_sync) $(MOD_PKGS_notify) $(MOD_PKGS_papers) $(MOD_PKGS_speech)

# The packager's CPPFLAGS, CFLAGS and LDFLAGS (dpkg-buildflags) reach every
# compile and link line; the project's own flags are kept apart so that they
# cannot be lost by overriding CFLAGS. -Werror when WERROR=1: always for
# `make test`, `make asan`, `make fuzz` (CI), by default for the developer's
# goals below (so that they share objects with `make test` instead of
# rebuilding everything in turn), never by default for a plain `make` or
# `make install`: a packager's newer compiler must not fail on a new warning.
WARN    := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wformat=2 -Wvla
DEV_GOALS := run check unit valgrind snapshots-update $(BUILD)/test-runner
WERROR  ?= $(if $(filter $(DEV_GOALS),$(MAKECMDGOALS)),1)
CFLAGS  ?= -O2 -g
CPPFLAGS?=
LDFLAGS ?=
PKG_CF  := $(shell pkg-config --cflags $(PKGS) $(MOD_PKGS) 2>/dev/null)
PKG_LD  := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
TPKG_CF := $(shell pkg-config --cflags $(TPKGS) 2>/dev/null)
TPKG_LD := $(shell pkg-config --libs $(TPKGS) 2>/dev/null)
# libcups and libzint ship no pkg-config file: linked by name (papers module).
# Every source folder (the rooms of kiosk/ and screens/ included) is on the
# include path, so headers are named by their unique basename; which room may
# include which is checked by tests/e2e/layers.sh, not by the path.
SRC_DIRS:= $(shell find kiosk screens i18n printers -type d -not -name po | sort)
INCS    := $(addprefix -I,$(SRC_DIRS)) -I$(BUILD)/gen
ALL_CF  = $(CPPFLAGS) $(WARN) $(if $(filter 1,$(WERROR)),-Werror) $(CFLAGS) \
          -D_DEFAULT_SOURCE -D_XOPEN_SOURCE_EXTENDED $(PKG_CF) $(INCS)
ALL_LD  = $(LDFLAGS) $(PKG_LD) -ldl -lm
# Objects and binaries are rebuilt when these flags change (make test after a
# plain make must not keep objects that were compiled without -Werror).
CF_STAMP:= $(BUILD)/gen/cflags
LD_STAMP:= $(BUILD)/gen/ldflags

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
MOD_DIRS:= $(filter %/module,$(SRC_DIRS))
MOD_NAMES:= $(foreach d,$(MOD_DIRS),$(notdir $(d:%/module=%)))
MOD_SRC := $(wildcard $(addsuffix /*.c,$(MOD_DIRS)))
MOD_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(notdir $(MOD_SRC)))
MODS    := $(patsubst %,$(BUILD)/modules/pk-%.so,$(MOD_NAMES))
LIB_SRC := $(filter-out kiosk/main.c $(MOD_SRC),$(wildcard $(addsuffix /*.c,$(SRC_DIRS))))
LIB_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(notdir $(LIB_SRC)))
# What the modules call in the program (helpers, translations): exported
# from every binary that loads them, and only that (an exported name could
# otherwise take the place of a library's own), the archive members that
# define them pulled in even when nothing else in the binary needs them.
MOD_SYMS:= $(BUILD)/gen/modsyms
LINK_LIB = $(MOD_SYMS).ld $(BUILD)/libpostkiosk.a -Wl,--dynamic-list=$(MOD_SYMS).list
TEST_DIRS:= tests tests/logic tests/lang tests/store tests/print tests/ui
TEST_SRC:= $(wildcard $(addsuffix /*.c,$(TEST_DIRS)))
TEST_OBJ:= $(patsubst %.c,$(BUILD)/obj/%.o,$(notdir $(TEST_SRC)))
BENCH_SRC:= $(wildcard bench/*.c)
BENCH_BIN:= $(patsubst bench/%.c,$(BUILD)/%,$(BENCH_SRC))
FUZZ_SRC:= $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN:= $(patsubst tests/fuzz/%.c,$(BUILD)/%,$(FUZZ_SRC))
PO      := $(wildcard i18n/po/*.po)
MO      := $(patsubst i18n/po/%.po,$(BUILD)/locale/%/LC_MESSAGES/postkiosk.mo,$(PO))
BIN     := $(BUILD)/postkiosk

vpath %.c $(SRC_DIRS) $(TEST_DIRS) bench tests/fuzz

.PHONY: all deps run test check unit asan valgrind bench fuzz fuzz-build install clean snapshots-update po pot FORCE

all: $(BIN) $(MODS) $(MO)

# Install missing Debian packages, then rebuild in a fresh make so that
# pkg-config flags are read after the packages exist.
deps:
	@scripts/install-deps.sh

run: deps
	@$(MAKE) --no-print-directory WERROR=$(WERROR) all
	$(BIN) $(ARGS)

test: deps
	@$(MAKE) --no-print-directory WERROR=1 check

check: $(BIN) $(MODS) $(MO) $(BUILD)/test-runner $(BUILD)/console/postkiosk-vn.psf.gz $(BENCH_BIN)
	@BUILD=$(BUILD) tests/run.sh

unit: $(BUILD)/test-runner
	$(BUILD)/test-runner

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer
# (LeakSanitizer skips fontconfig's one-time cache: tests/lsan.supp).
asan: deps
	@LSAN_OPTIONS="suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0" \
	  $(MAKE) --no-print-directory BUILD=build-asan CC=clang WERROR=1 \
	  CFLAGS="$(CFLAGS) -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="$(LDFLAGS) -fsanitize=address,undefined" check

# The unit suites under valgrind, with the translations they switch to and
# the C.UTF-8 locale tests/run.sh gives them.
valgrind: $(BUILD)/test-runner $(MO) $(BIN) $(MODS)
	LANG=C.UTF-8 LC_ALL=C.UTF-8 PK_SLOW_TESTS=1 valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	  --suppressions=tests/valgrind.supp $(BUILD)/test-runner

# One table of every figure against its target (scripts/bench.sh); the
# generated databases (10k, 100k, 1M dossiers) are kept in $(BUILD).
bench: deps
	@$(MAKE) --no-print-directory bench-build
	@BUILD=$(BUILD) sh scripts/bench.sh

.PHONY: bench-build
bench-build: $(BIN) $(MODS) $(MO) $(BENCH_BIN)

FUZZ_SECONDS ?= 20
FUZZ_BUILD ?= build-fuzz
fuzz: deps
	@FUZZ_BUILD=$(FUZZ_BUILD) FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh

# The libFuzzer targets (tests/fuzz/run.sh calls this): the library
# instrumented for coverage, each target linked with libFuzzer's main.
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
fuzz-build:
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang WERROR=1 \
	  CFLAGS="$(CFLAGS) -O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN)" LDFLAGS="$(LDFLAGS)" \
	  $(if $(FUZZ_TARGETS),$(patsubst %,$(FUZZ_BUILD)/fuzz_%,$(FUZZ_TARGETS)),fuzz-bins)

.PHONY: fuzz-bins
fuzz-bins: $(FUZZ_BIN)

$(BUILD)/fuzz_%: $(BUILD)/obj/fuzz_%.o $(BUILD)/libpostkiosk.a $(MOD_SYMS) $(LD_STAMP)
	$(CC) $(CFLAGS) -fsanitize=fuzzer -o $@ $(filter %.o,$^) $(LINK_LIB) $(ALL_LD)

$(BIN): $(BUILD)/obj/main.o $(BUILD)/libpostkiosk.a $(MOD_SYMS) $(LD_STAMP)
	$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LINK_LIB) $(ALL_LD)

# Module objects are position-independent and hide every name but the
# module's table (PK_MODULE_EXPORT).
$(MOD_OBJ): MOD_CF := -fPIC -fvisibility=hidden
define MODULE_RULE
$(BUILD)/modules/pk-$(1).so: $(patsubst %.c,$(BUILD)/obj/%.o,$(notdir $(wildcard $(2)/*.c))) $(LD_STAMP)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(CFLAGS) -shared -o $$@ $$(filter %.o,$$^) $$(LDFLAGS) \
	  $$(shell pkg-config --libs $$(MOD_PKGS_$(1)) 2>/dev/null) $$(MOD_LIBS_$(1))
endef
$(foreach d,$(MOD_DIRS),$(eval $(call MODULE_RULE,$(notdir $(d:%/module=%)),$(d))))

# The program's names the modules use: a dynamic list (exported) and a
# linker script of EXTERN()s (pulled from the archive).
$(MOD_SYMS): $(MOD_OBJ) $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@nm -P -u $(MOD_OBJ) | awk '{print $$1}' | sort -u > $@.u
	@nm -P -g --defined-only $(LIB_OBJ) | awk '$$2 ~ /^[TDBR]$$/ {print $$1}' | sort -u > $@.d
	@comm -12 $@.u $@.d > $@.tmp; rm -f $@.u $@.d
	@if ! cmp -s $@.tmp $@; then mv $@.tmp $@; \
	  { echo '{'; sed 's/.*/  &;/' $@; echo '};'; } > $@.list; \
	  { printf 'EXTERN('; tr '\n' ' ' < $@; echo ')'; } > $@.ld; \
	else rm -f $@.tmp; fi

$(BUILD)/libpostkiosk.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/obj/%.o: %.c $(CF_STAMP) | $(BUILD)/gen/version.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CF) $(TEST_CF) $(MOD_CF) $(TPKG_CF) -MMD -MP -c -o $@ $<

# The flag stamps are rewritten only when the flags differ, so that their
# date says when the flags last changed.
$(CF_STAMP): FORCE
	@mkdir -p $(dir $@)
	@echo '$(subst ','\'',$(CC) $(ALL_CF) $(TPKG_CF))' > $@.tmp
	@cmp -s $@.tmp $@ || mv $@.tmp $@; rm -f $@.tmp

$(LD_STAMP): FORCE
	@mkdir -p $(dir $@)
	@echo '$(subst ','\'',$(CC) $(CFLAGS) $(ALL_LD) $(TPKG_LD) $(MOD_PKGS) $(LINK_LIB))' > $@.tmp
	@cmp -s $@.tmp $@ || mv $@.tmp $@; rm -f $@.tmp

FORCE:

# Objects made only on the way to a bench or fuzz binary are kept too.
.SECONDARY:

$(BUILD)/gen/version.h: VERSION
	@mkdir -p $(dir $@)
	@echo '#define PK_VERSION "$(VERSION)"' > $@

# Tests register themselves: every `TEST(suite, fn, "description")` line and
# every `SUITE(suite, init, clean);` line of tests/*.c (tests/unit.h) is
# collected here, in file and line order, so that no file holds a list of
# tests. A file still written the old way (`void suite_NAME(void)`) would be
# silently skipped, so it stops the build (scripts/tests-to-self-registration.py
# converts it).
$(BUILD)/gen/tests.inc: $(TEST_SRC)
	@mkdir -p $(dir $@)
	@if grep -Hn '^void suite_[a-z0-9_]*(void)' $(TEST_SRC) >&2; then \
	  echo 'write tests as TEST()/SUITE() lines (tests/unit.h; scripts/tests-to-self-registration.py converts)' >&2; exit 1; fi
	@sed -En 's/^(TEST\([a-z0-9_]+, *[A-Za-z0-9_]+, *"([^"\\]|\\.)*"\)).*/\1/p; s/^(SUITE(_WHEN)?\([^;]*\));$$/\1/p' $(TEST_SRC) > $@.tmp
	@[ "$$(cat $(TEST_SRC) | grep -c '^TEST(')" = "$$(grep -c '^TEST(' $@.tmp)" ] || \
	  { echo 'a TEST( line is not TEST(suite, fn, "one string"): it would not run' >&2; rm -f $@.tmp; exit 1; }
	@cmp -s $@.tmp $@ || mv $@.tmp $@; rm -f $@.tmp

$(BUILD)/obj/test_runner.o: $(BUILD)/gen/tests.inc

# Test files include the shared harness headers in tests/ and tests/fuzz/ (the
# differential test replays the fuzz input format) through a variable of its
# own: the flag stamp, built in whichever context comes first, must not see it.
$(TEST_OBJ): TEST_CF := -Itests -Itests/fuzz
# The receipt benchmark times the golden test's receipt (tests/receipt_fixture.h).
$(patsubst bench/%.c,$(BUILD)/obj/%.o,$(BENCH_SRC)): TEST_CF := -Itests

$(BUILD)/test-runner: $(TEST_OBJ) $(BUILD)/libpostkiosk.a $(MOD_SYMS) $(LD_STAMP) | $(MODS)
	$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LINK_LIB) $(ALL_LD) $(TPKG_LD)

$(BUILD)/bench_%: $(BUILD)/obj/bench_%.o $(BUILD)/libpostkiosk.a $(MOD_SYMS) $(LD_STAMP) | $(MODS)
	$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LINK_LIB) $(ALL_LD)

# The .po files merge by msgid (the pomerge driver) and `make po` rewrites
# them without duplicates, so they compile as they are.
$(BUILD)/locale/%/LC_MESSAGES/postkiosk.mo: i18n/po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# Regenerates i18n/po/postkiosk.pot from every source and merges it into
# every .po (scripts/update-po.sh); tests/e2e/po_current.sh fails until it
# has been run. `make pot` is the old name.
po pot:
	@scripts/update-po.sh

# The program in PREFIX/bin finds its modules in PREFIX/lib/postkiosk
# (kiosk/base/module.c). Also the Linux console font (scripts/console-font.sh), the touch
# kiosk's X session (x11/), the man pages,
# the commented configuration (a conffile in the
# package), the systemd units (their ExecStart= names PREFIX/bin), the
# system user (sysusers.d) and its data directory (tmpfiles.d).
SYSCONFDIR ?= $(if $(filter /usr,$(PREFIX)),/etc,$(PREFIX)/etc)
UNITDIR ?= $(PREFIX)/lib/systemd/system
UDEVDIR ?= $(PREFIX)/lib/udev/rules.d
CONSOLE_FONT := $(BUILD)/console/postkiosk-vn.psf.gz
$(CONSOLE_FONT): scripts/console-font.sh
	scripts/console-font.sh $@

install: all $(CONSOLE_FONT)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/postkiosk
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/postkiosk
	install -d $(DESTDIR)$(PREFIX)/lib/postkiosk
	install -m 0644 $(MODS) $(DESTDIR)$(PREFIX)/lib/postkiosk/
	cp -R data/. $(DESTDIR)$(PREFIX)/share/postkiosk/
	for mo in $(MO); do l=$${mo#$(BUILD)/locale/}; \
	  install -D -m 0644 $$mo $(DESTDIR)$(PREFIX)/share/locale/$$l; done
	install -D -m 0644 $(CONSOLE_FONT) $(DESTDIR)$(PREFIX)/share/postkiosk/console/postkiosk-vn.psf.gz
	install -D -m 0755 x11/xinitrc $(DESTDIR)$(PREFIX)/share/postkiosk/x11/xinitrc
	install -D -m 0644 x11/Xresources $(DESTDIR)$(PREFIX)/share/postkiosk/x11/Xresources
	install -D -m 0644 man/postkiosk.1 $(DESTDIR)$(PREFIX)/share/man/man1/postkiosk.1
	install -D -m 0644 man/postkiosk.ini.5 $(DESTDIR)$(PREFIX)/share/man/man5/postkiosk.ini.5
	install -D -m 0644 etc/postkiosk.ini $(DESTDIR)$(SYSCONFDIR)/postkiosk/postkiosk.ini
	install -d $(DESTDIR)$(UNITDIR)
	for u in systemd/*.service systemd/*.timer; do \
	  sed -e 's|/usr/bin/postkiosk|$(PREFIX)/bin/postkiosk|' \
	      -e 's|/usr/share/postkiosk|$(PREFIX)/share/postkiosk|' $$u > $(DESTDIR)$(UNITDIR)/$${u#systemd/}; \
	  chmod 0644 $(DESTDIR)$(UNITDIR)/$${u#systemd/}; done
	install -d $(DESTDIR)$(UDEVDIR)
	sed -e 's|/usr/share/postkiosk|$(PREFIX)/share/postkiosk|' systemd/postkiosk-console-font.rules \
	  > $(DESTDIR)$(UDEVDIR)/91-postkiosk-console-font.rules
	chmod 0644 $(DESTDIR)$(UDEVDIR)/91-postkiosk-console-font.rules
	install -D -m 0644 systemd/postkiosk-logind.conf $(DESTDIR)$(PREFIX)/share/postkiosk/postkiosk-logind.conf
	install -D -m 0644 systemd/postkiosk.sysusers $(DESTDIR)$(PREFIX)/lib/sysusers.d/postkiosk.conf
	install -D -m 0644 systemd/postkiosk.tmpfiles $(DESTDIR)$(PREFIX)/lib/tmpfiles.d/postkiosk.conf

# The Debian package, built from a copy of the tree (tracked and new files)
# in DEB_DIR so that dpkg-buildpackage's clean never touches this build/;
# the .deb, .buildinfo, .changes and build log stay in DEB_DIR, the copy is
# removed. `make deb-check` also runs lintian, blhc (hardening flags on
# every compile line), installs the package and checks the user, folder and
# files, then purges it. Both need debhelper, lintian, blhc (install-deps).
DEB_DIR ?= $(or $(TMPDIR),/tmp)/postkiosk-deb
.PHONY: deb deb-check
deb:
	@rm -rf $(DEB_DIR) && mkdir -p $(DEB_DIR)/postkiosk-$(VERSION)
	git ls-files -z --cached --others --exclude-standard | \
	  xargs -0 cp --parents -P -t $(DEB_DIR)/postkiosk-$(VERSION)
	cd $(DEB_DIR)/postkiosk-$(VERSION) && \
	  dpkg-buildpackage -us -uc -b > ../build.log 2>&1 || { tail -n 40 ../build.log; exit 1; }
	rm -rf $(DEB_DIR)/postkiosk-$(VERSION)
	@ls $(DEB_DIR)/*.deb

deb-check: deb
	@DEB_DIR=$(DEB_DIR) scripts/deb-check.sh

# The package on a booted Debian 12 (systemd as PID 1, in systemd-nspawn):
# `systemctl start` runs the units as the postkiosk user, logging to the
# journal (scripts/boot-check.sh). Root and the network; minutes.
.PHONY: boot-check
boot-check: deb
	@DEB_DIR=$(DEB_DIR) scripts/boot-check.sh

# The keypad on the real Linux console: the package on a Debian 12 kernel
# in QEMU (KVM when the host's KVM runs it, else TCG), the kiosk on tty1
# driven through QEMU's keyboard; screens kept in build/console-check/
# (scripts/console-check.sh). Root and the network; minutes.
.PHONY: console-check
console-check: deb
	@scripts/install-deps.sh --with-checks
	@DEB_DIR=$(DEB_DIR) scripts/console-check.sh

clean:
	rm -rf build build-asan build-fuzz

# A source that moved to another folder is still named by its object's .d
# file, and make would stop with "No rule to make target": such an object
# and its .d are dropped, so the object is rebuilt from the new place.
DEP_FILES := $(wildcard $(BUILD)/obj/*.d)
MOVED_DEPS := $(if $(DEP_FILES),$(shell sed -s -n '1s/^\([^:]*\)\.o: *\([^ ]*\.c\).*/\1.d \2/p' \
  $(DEP_FILES) | while read -r d src; do [ -e "$$src" ] || { rm -f "$$d" "$${d%.d}.o"; echo "$$d"; }; done))
-include $(filter-out $(MOVED_DEPS),$(DEP_FILES))

# Rewrites tests/golden/*.txt from the current screens (review the diff!).
snapshots-update: $(BUILD)/test-runner $(MO)
	@PK_SNAP_UPDATE=1 BUILD=$(BUILD) LANG=C.UTF-8 LC_ALL=C.UTF-8 $(BUILD)/test-runner screens >/dev/null
	@git status --short tests/golden
