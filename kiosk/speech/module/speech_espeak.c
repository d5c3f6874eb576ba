/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The speech module (pk-speech.so): espeak-ng behind speech_module, for
 * the speaking child of speech.c. */
#include "speech_module.h"

#include <string.h>

#include <espeak-ng/espeak_ng.h>

static speech_samples_fn samples;

static int synth_cb(short *wav, int nsamples, espeak_EVENT *events)
{
    (void)events;
    return samples(wav, nsamples);
}

static bool start(bool wav_only, speech_samples_fn cb)
{
    espeak_ng_InitializePath(NULL);
    bool up = espeak_ng_Initialize(NULL) == ENS_OK &&
              espeak_ng_InitializeOutput(wav_only ? ENOUTPUT_MODE_SYNCHRONOUS
                                                  : ENOUTPUT_MODE_SPEAK_AUDIO |
                                                        ENOUTPUT_MODE_SYNCHRONOUS,
                                         0, NULL) == ENS_OK;
    if (up) {
        samples = cb;
        espeak_SetSynthCallback(synth_cb);
    }
    return up;
}

static void voice(const char *lang)
{
    if (espeak_ng_SetVoiceByName(lang) != ENS_OK)
        espeak_ng_SetVoiceByName("vi");
}

static bool say(const char *text, const bool *cut)
{
    espeak_ng_STATUS st = espeak_ng_Synthesize(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
                                               espeakCHARS_UTF8, NULL, NULL);
    if (st == ENS_OK && !*cut)
        st = espeak_ng_Synchronize();
    return st == ENS_OK;
}

static int sample_rate(void)
{
    return espeak_ng_GetSampleRate();
}

static void stop(void)
{
    espeak_ng_Terminate();
}

PK_MODULE_EXPORT const speech_module pk_module_speech = {
    {PK_MODULE_ABI, sizeof(speech_module)}, start, voice, say, sample_rate, stop,
};
