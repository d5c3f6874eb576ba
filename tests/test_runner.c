/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CUnit runner. Tests register themselves: each test is written as
 * `TEST(suite, fn, "description") { ... }` and each test file ends with
 * `SUITE(suite, init, clean);` (tests/unit.h); the build collects those lines
 * into tests.inc, from which this file builds the registry. There is no list
 * of tests to keep anywhere. Usage: test-runner [SUITE-SUBSTRING] */
#include <CUnit/Basic.h>
#include <CUnit/TestRun.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "store.h"
#include "unit.h"

#undef TEST
#undef SUITE
#undef SUITE_WHEN

/* the declarations of what the test files export */
#define TEST(suite, fn, desc) extern void (*const test_##suite##__##fn)(void);
#define SUITE(suite, init, clean) extern const struct unit_suite suite_##suite;
#define SUITE_WHEN(suite, init, clean, wanted) SUITE(suite, init, clean)
#include "tests.inc"
#undef TEST
#undef SUITE

/* every test, in the order of the files and, in a file, of its lines */
static const struct unit_test {
    const struct unit_suite *suite;
    const char *desc;
    void (*const *fn)(void);
} tests[] = {
#define TEST(suite, fn, desc) {&suite_##suite, desc, &test_##suite##__##fn},
#define SUITE(suite, init, clean)
#include "tests.inc"
#undef TEST
#undef SUITE
};

static const struct unit_suite *const suites[] = {
#define TEST(suite, fn, desc)
#define SUITE(suite, init, clean) &suite_##suite,
#include "tests.inc"
#undef TEST
#undef SUITE
};
#undef SUITE_WHEN

/* Every suite starts in English (the msgids), whatever the suite before it
 * switched to: suites must not depend on their order. */
static void suite_start(const CU_pSuite s)
{
    (void)s;
    i18n_set_lang("en");
}

/* Registers the suites whose name contains `only` (all when NULL). */
static int register_tests(const char *only)
{
    for (size_t i = 0; i < sizeof suites / sizeof *suites; i++) {
        const struct unit_suite *u = suites[i];
        if ((only && !strstr(u->name, only)) || (u->wanted && !u->wanted()))
            continue;
        CU_pSuite s = CU_add_suite(u->name, u->init, u->clean);
        if (!s)
            return -1;
        for (size_t t = 0; t < sizeof tests / sizeof *tests; t++)
            if (tests[t].suite == u && !CU_add_test(s, tests[t].desc, *tests[t].fn))
                return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *only = argc > 1 ? argv[1] : NULL;
    /* the audit key of every store the tests open (a fixed test key) */
    unsigned char test_audit_key[32];
    for (int i = 0; i < 32; i++)
        test_audit_key[i] = (unsigned char)(7 * i + 1);
    store_use_audit_key(test_audit_key);
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    if (register_tests(only) != 0) {
        fprintf(stderr, "test-runner: %s\n", CU_get_error_msg());
        CU_cleanup_registry();
        return 2;
    }
    CU_set_suite_start_handler(suite_start);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    /* a suite whose set-up or clean-up failed is a failure of its own:
     * CUnit counts it apart from failed asserts and tests, and a failed
     * set-up runs none of the suite's tests (tests/e2e/unit_runner.sh) */
    unsigned sfailed = CU_get_number_of_suites_failed();
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed() + sfailed;
    unsigned ran = CU_get_number_of_tests_run();
    unsigned tfailed = CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    fprintf(stderr, "unit: %u passed, %u failed\n", ran - tfailed, tfailed + sfailed);
    return failed ? 1 : 0;
}
