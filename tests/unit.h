/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests register themselves, one line each, where they are written:
 *
 *     TEST(config, defaults, "defaults need no file")
 *     {
 *         ...assertions...
 *     }
 *     ...
 *     SUITE(config, english, NULL);
 *
 * The build collects every TEST( and SUITE( line of tests/ into
 * build/gen/tests.inc (see the Makefile) and test_runner.c turns that into
 * the CUnit registry, tests in the order they stand in the file. A test file
 * therefore holds no list of its tests, and adding one touches nothing else.
 * The description stays on the TEST line: it is what CUnit prints.
 *
 * TEST keeps the function under its own (static) name, so that a test may
 * still be called by name in its file; the runner reaches it through the
 * exported pointer test_SUITE__FN. */
#ifndef UNIT_H
#define UNIT_H

#include <CUnit/Basic.h>
#include <stdbool.h>

struct unit_suite {
    const char *name;
    CU_InitializeFunc init;
    CU_CleanupFunc clean;
    bool (*wanted)(void); /* NULL: always; else the suite runs when it says so */
};

#define TEST(suite, fn, desc)                                                                      \
    static void fn(void);                                                                          \
    extern void (*const test_##suite##__##fn)(void);                                               \
    void (*const test_##suite##__##fn)(void) = fn;                                                 \
    static void fn(void)

#define SUITE(suite, init_fn, clean_fn)                                                            \
    extern const struct unit_suite suite_##suite;                                                  \
    const struct unit_suite suite_##suite = {#suite, init_fn, clean_fn, NULL}

/* A suite that runs only when wanted() says so (for example when an e2e
 * script hands it the files it works on). */
#define SUITE_WHEN(suite, init_fn, clean_fn, wanted_fn)                                            \
    extern const struct unit_suite suite_##suite;                                                  \
    const struct unit_suite suite_##suite = {#suite, init_fn, clean_fn, wanted_fn}

#endif
