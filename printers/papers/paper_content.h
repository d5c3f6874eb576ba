/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The content of each paper, from the store, in Vietnamese (paper_dossier.c
 * for the papers of one dossier, paper_batch.c for the records of several),
 * and the helpers they share (paper_common.c). */
#ifndef PK_PAPER_CONTENT_H
#define PK_PAPER_CONTENT_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "model.h"
#include "paper.h"
#include "paper_doc.h"
#include "store.h"
#include "store_clerk.h"

#define PAPER_A4_W 595.28
#define PAPER_A4_H 841.89
#define PAPER_LABEL_W 283.46   /* 100 x 150 mm */
#define PAPER_LABEL_H 425.20
#define PAPER_BLANK "........................................"

/* Everything one dossier's papers show. */
typedef struct {
    dossier d;
    dossier_extra x;
    char level[16];                /* the procedure's level, "" when gone from the catalog */
    admin_unit unit;               /* the citizen's commune or ward (id 0 when unknown) */
    char agency[PK_TEXT_MAX * 2];  /* the real receiving agency */
    char name_masked[PK_NAME_MAX];
    char id_masked[PK_ID_MAX + 8];
    char phone_masked[PK_PHONE_MAX + 8];
    char place[200];               /* "phường Đông Kinh, Lạng Sơn" */
} paper_dossier;

pk_err paper_dossier_load(store *s, const char *ref, paper_dossier *pd);
/* The last event into status st: its time, actor and note (at 0 when none). */
void paper_event(store *s, const char *ref, dossier_status st, int64_t *at, char *actor,
                 size_t actorsz, char *note, size_t notesz);
/* The full name of clerk id ("" when unknown: a blank line is printed). */
void paper_clerk_name(store *s, const char *id, char *out, size_t outsz);
void paper_time(int64_t t, char *out, size_t outsz);     /* DD/MM/YYYY HH:MM */
void paper_date(const char *iso, char *out, size_t outsz); /* DD/MM/YYYY or a blank */
/* "RA 123 456 785 VN" (S10 groups) or s10 as is. */
void paper_s10_text(const char *s10, char *out, size_t outsz);
const char *paper_form_vi(service_form f);
const char *paper_doc_kind_vi(doc_kind k);
/* true from acceptance on (not refused, not cancelled). */
bool paper_accepted(const paper_dossier *pd);
/* true once the result is with the post (collected from the agency or later). */
bool paper_result_stage(dossier_status st);

/* Builders: *out gets the document (PK_OK), else an error of paper_issue. */
pk_err paper_build_slip(store *s, const config *cfg, const paper_request *rq, int64_t now,
                        paper_doc **out);
pk_err paper_build_label(store *s, const config *cfg, const paper_request *rq, int64_t now,
                         paper_doc **out);
pk_err paper_build_delivered(store *s, const config *cfg, const paper_request *rq, int64_t now,
                             paper_doc **out);
pk_err paper_build_refused(store *s, const config *cfg, const paper_request *rq, int64_t now,
                           paper_doc **out);
pk_err paper_build_batch(store *s, const config *cfg, const paper_request *rq, int64_t now,
                         paper_doc **out);

#endif
