/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The table of the speech module (pk-speech.so: espeak-ng and the sound
 * libraries it brings), loaded by the speaking child only (speech.c), so
 * that the kiosk itself never maps them (module.h). */
#ifndef PK_SPEECH_MODULE_H
#define PK_SPEECH_MODULE_H

#include <stdbool.h>

#include "module.h"

/* Hands over the samples of the prompt being said (wav may be NULL);
 * returns 1 to stop the synthesis (a newer prompt waits), else 0. */
typedef int (*speech_samples_fn)(short *wav, int nsamples);

typedef struct {
    pk_module_head head;
    /* Starts espeak-ng: samples to cb only (wav_only) or to the sound
     * device too; false when it cannot start (no voice data). */
    bool (*start)(bool wav_only, speech_samples_fn cb);
    /* The voice of lang ("vi", "en"); Vietnamese for anything else. */
    void (*voice)(const char *lang);
    /* Says text (UTF-8) and waits until it is said, unless *cut is set
     * meanwhile (by cb); false when the sound device refused it. */
    bool (*say)(const char *text, const bool *cut);
    int (*sample_rate)(void);
    void (*stop)(void);
} speech_module;

#endif
