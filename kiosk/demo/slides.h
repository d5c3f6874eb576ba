/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demonstration slides: what the service is, which procedures can go
 * by post, what it costs, why the originals are safe, this year's figures,
 * how to start, and where to learn more (QR code of cfg.info_url).
 * slides_build() is pure: it writes a slide's text in the current language
 * from a slide_data snapshot; slides_load() fills that snapshot from the
 * store (catalog, tariff, report) once, when the slides open. */
#ifndef PK_SLIDES_H
#define PK_SLIDES_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "model.h"
#include "store.h"
#include "util.h"

typedef enum {
    SLIDE_SERVICE = 0,
    SLIDE_PROCEDURES,
    SLIDE_COSTS,
    SLIDE_SAFE,
    SLIDE_FIGURES,
    SLIDE_HOWTO,
    SLIDE_CLOSING,
    SLIDE__COUNT
} slide_id;

enum { SLIDES_EXAMPLES = 4 };   /* what fits a 24-row screen with English glosses */

typedef struct {
    char name_vi[PK_TEXT_MAX];
    char name_en[PK_TEXT_MAX];
    int64_t fee_vnd;
} slide_proc;

typedef struct {
    /* catalog */
    int procs_total, procs_submit, procs_return;
    int nexamples;                          /* eligible for submission, varied fields */
    slide_proc examples[SLIDES_EXAMPLES];
    slide_proc costly;                      /* an example with a fee, for the costs slide */
    bool have_costly;
    /* postal tariff in the kiosk's default scope */
    bool have_tariff;
    int64_t charge_send, charge_return, charge_both;
    int transit_days;
    /* this year's figures (samples excluded) */
    bool have_figures;
    int year;
    int64_t total, completed, on_time, lost;
    /* contact */
    char hotline[32];
    char post_office[128];
    char info_url[256];
} slide_data;

typedef struct {
    slide_id id;
    char title[256];
    sbuf body;          /* paragraphs, one a line; "• " starts a bullet */
    const char *qr;     /* text for a QR code (points into the data), or NULL */
} slide;

/* Writes slide id in language lang ("vi", "en"; messages through _()). */
void slides_build(const slide_data *d, slide_id id, const char *lang, slide *out);
void slide_free(slide *s);

/* Fills d from the store and the config: the year of now (unix seconds,
 * kiosk local time). Parts the store cannot give stay marked missing
 * (have_* false) and their slides say so: this never fails. */
void slides_load(store *db, const config *cfg, int64_t now, slide_data *d);

#endif
