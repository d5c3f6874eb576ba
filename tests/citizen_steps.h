/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Steps shared by the citizen screen tests: walk the real screens the
 * way a citizen does (static inline: each test file uses some of them). */
#ifndef PK_CITIZEN_STEPS_H
#define PK_CITIZEN_STEPS_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "snap.h"

static inline bool all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return false;
    return true;
}

/* Welcome -> procedures (form) -> search -> first result. */
static inline void to_procedure(snap_env *e, int form, const char *query)
{
    snap_act(e, ACT_CHOOSE, form);
    snap_type(e, query);
    snap_act(e, ACT_CHOOSE, 1);
}

/* Welcome -> birth registration sent by post -> what you need -> papers ->
 * consent given: the applicant's first field has the focus. */
static inline void to_applicant(snap_env *e)
{
    to_procedure(e, 1, "khai sinh");
    snap_key(e, TK_ENTER);
    snap_key(e, TK_ENTER);
    snap_act(e, ACT_CHOOSE, 1);
}

static inline void fill_applicant(snap_env *e)
{
    for (int i = 0; i < 3 && e->a.ime != IME_TELEX; i++)
        snap_key(e, TK_F3);             /* English starts with typing off */
    snap_type(e, "Nguyeenx Vawn An");   /* Telex */
    snap_key(e, TK_ENTER);
    snap_type(e, "020090001234");
    snap_key(e, TK_ENTER);
    snap_type(e, "0912345678");
    snap_key(e, TK_ENTER);
}

/* Welcome -> birth registration sent and received by post -> the details
 * filled (no e-mail): the address screen is on top. */
static inline void to_address(snap_env *e)
{
    to_procedure(e, 3, "khai sinh");
    snap_key(e, TK_ENTER);
    snap_key(e, TK_ENTER);
    snap_act(e, ACT_CHOOSE, 1);
    fill_applicant(e);
    snap_key(e, TK_ENTER);                      /* no e-mail */
}

static inline void fill_address(snap_env *e)
{
    snap_type(e, "cao");
    snap_key(e, TK_ENTER);             /* picks Xã Cao Lộc */
    snap_type(e, "12 Traafn DDawng Ninh");
    snap_key(e, TK_ENTER);
}

/* The applicant screen's state starts with its focused field index. */
static inline int focus_of(const snap_env *e)
{
    return *(const int *)app_top_state(&e->a);
}

static inline bool typed_error(snap_env *e, const char *text, const char *expect_screen)
{
    snap_type(e, text);
    snap_key(e, TK_ENTER);
    return strcmp(snap_top(e), expect_screen) == 0;
}

static inline void clear_field(snap_env *e)
{
    for (int i = 0; i < 40; i++)
        snap_key(e, TK_BACKSPACE);
}

#endif
