/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Header, hint bar and shared dialogs: drawn by app_render only. */
#ifndef PK_CHROME_H
#define PK_CHROME_H

#include "app.h"

void chrome_header(const app *a, frame *f);
void chrome_hints(const app *a, frame *f);
void chrome_overlays(const app *a, frame *f);

#endif
