/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The key table: raw keys to actions, lockdown keys, scanner payloads. */
#include <CUnit/CUnit.h>
#include <string.h>
#include <unistd.h>

#include "keys.h"
#include "unit.h"

static action map_key(term_key k)
{
    term_input in = {.kind = TI_KEY, .key = k};
    event ev;
    keys_map(&in, &ev);
    return ev.act;
}

TEST(keys, named_actions, "keys become named actions")
{
    CU_ASSERT_EQUAL(map_key(TK_ENTER), ACT_NEXT);
    CU_ASSERT_EQUAL(map_key(TK_ESC), ACT_BACK);
    CU_ASSERT_EQUAL(map_key(TK_F1), ACT_HELP);
    CU_ASSERT_EQUAL(map_key(TK_F2), ACT_LANG);
    CU_ASSERT_EQUAL(map_key(TK_F4), ACT_CALL_STAFF);
    CU_ASSERT_EQUAL(map_key(TK_F10), ACT_STAFF_EXIT);
    CU_ASSERT_EQUAL(map_key(TK_TAB), ACT_TAB);
    CU_ASSERT_EQUAL(map_key(TK_F12), ACT_IGNORED);
    CU_ASSERT_EQUAL(map_key(TK_NONE), ACT_IGNORED);   /* unknown keys, wheel, release */
    term_input in = {.kind = TI_CHAR, .cp = '7'};
    event ev;
    keys_map(&in, &ev);
    CU_ASSERT_EQUAL(ev.act, ACT_CHOOSE);
    CU_ASSERT_EQUAL(ev.value, 7);
    CU_ASSERT_EQUAL(ev.ch, '7');
    in.cp = '?';
    keys_map(&in, &ev);
    CU_ASSERT_EQUAL(ev.act, ACT_HELP);
    in.cp = 0x1EC5;   /* ễ */
    keys_map(&in, &ev);
    CU_ASSERT_EQUAL(ev.act, ACT_CHAR);
    CU_ASSERT_EQUAL(ev.ch, 0x1EC5);
    in.kind = TI_MOUSE;
    in.y = 3;
    in.x = 9;
    keys_map(&in, &ev);
    CU_ASSERT_EQUAL(ev.act, ACT_CLICK);
    CU_ASSERT_EQUAL(ev.y, 3);
}

TEST(keys, lockdown_controls_do_nothing, "lockdown: control keys do nothing")
{
    unsigned ctrl[] = {3, 26, 28, 19, 17, 4, 1, 0x9b};
    for (size_t i = 0; i < sizeof ctrl / sizeof ctrl[0]; i++) {
        term_input in = {.kind = TI_CTRL, .cp = ctrl[i]};
        event ev;
        keys_map(&in, &ev);
        CU_ASSERT_EQUAL(ev.act, ACT_IGNORED);
        CU_ASSERT_EQUAL(ev.ch, 0);
    }
}

TEST(keys, table_feeds_hints, "one table feeds hints and help")
{
    int n = 0;
    const key_binding *t = keys_table(&n);
    CU_ASSERT(n > 10);
    for (int i = 0; i < n; i++) {
        CU_ASSERT_PTR_NOT_NULL(t[i].keyname);
        CU_ASSERT_PTR_NOT_NULL(t[i].label);
    }
    CU_ASSERT_STRING_EQUAL(keys_binding(ACT_NEXT)->keyname, "Enter");
    CU_ASSERT_STRING_EQUAL(keys_binding(ACT_CALL_STAFF)->keyname, "F4");
    CU_ASSERT_PTR_NULL(keys_binding(ACT_STAFF_EXIT));   /* hidden from citizens */
}

TEST(keys, scanner_payloads, "scanner payload detection")
{
    CU_ASSERT_TRUE(keys_is_scan("VNK1.LS01-000042.1764054000.ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
    CU_ASSERT_TRUE(keys_is_scan("HTTPS://EXAMPLE.VN/T/VNK1.LS01-000042.1764054000.ABCD"));
    CU_ASSERT_FALSE(keys_is_scan("VNK1"));                       /* too short */
    CU_ASSERT_FALSE(keys_is_scan("Nguyeenx Vawn An"));          /* a person typing */
    CU_ASSERT_FALSE(keys_is_scan("LS01-000042-LS01-000042"));   /* no VNK */
    CU_ASSERT_FALSE(keys_is_scan("VNK1.ls01-000042.1764054000"));  /* lower case */
    CU_ASSERT_FALSE(keys_is_scan("VNK1.LS01-000042.17640'; DROP TABLE"));
    char big[400];
    memset(big, 'A', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    memcpy(big, "VNK1", 4);
    CU_ASSERT_FALSE(keys_is_scan(big));                         /* overlong */
}

/* Raw bytes as a Linux console sends them, decoded by the terminal layer
 * and named by the key table (what tests/fuzz/fuzz_keys.c explores). */
TEST(keys, raw_bytes_from_the_console, "raw console bytes become actions")
{
    int p[2];
    CU_ASSERT_FATAL(pipe(p) == 0);
    CU_ASSERT_FATAL(term_init_headless_input(24, 80, "linux", p[0]));
    close(p[0]);
    static const char bytes[] = "\x1b[21~" "\x03" "\xe1\xbb\x85" "7" "\r" "\x1b[[A";
    CU_ASSERT_EQUAL((size_t)write(p[1], bytes, sizeof bytes - 1), sizeof bytes - 1);
    action want[] = {ACT_STAFF_EXIT, ACT_IGNORED, ACT_CHAR, ACT_CHOOSE, ACT_NEXT, ACT_HELP};
    term_input in;
    event ev;
    int n = 0;
    while (n < 6 && term_read(&in, 0)) {
        keys_map(&in, &ev);
        CU_ASSERT_EQUAL(ev.act, want[n]);
        if (n == 2)
            CU_ASSERT_EQUAL(ev.ch, 0x1EC5);    /* ễ */
        n++;
    }
    CU_ASSERT_EQUAL(n, 6);
    CU_ASSERT_FALSE(term_read(&in, 0));
    close(p[1]);
    term_end();
}

SUITE(keys, NULL, NULL);
