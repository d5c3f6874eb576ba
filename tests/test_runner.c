/* CUnit runner. Suites register themselves: each test file defines
 * `void suite_NAME(void)` which calls CU_add_suite/CU_add_test; the build
 * collects them into suites.inc. Usage: test-runner [SUITE-SUBSTRING] */
#include <CUnit/Basic.h>
#include <CUnit/TestRun.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "store.h"

#define SUITE(fn) void fn(void);
#include "suites.inc"
#undef SUITE

/* Every suite starts in English (the msgids), whatever the suite before it
 * switched to: suites must not depend on their order. */
static void suite_start(const CU_pSuite s)
{
    (void)s;
    i18n_set_lang("en");
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
#define SUITE(fn) \
    if (!only || strstr(#fn, only)) \
        fn();
#include "suites.inc"
#undef SUITE
    CU_set_suite_start_handler(suite_start);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    unsigned ran = CU_get_number_of_tests_run();
    unsigned tfailed = CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    fprintf(stderr, "unit: %u passed, %u failed\n", ran - tfailed, tfailed);
    return failed ? 1 : 0;
}
