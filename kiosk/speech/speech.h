/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Spoken prompts through espeak-ng (issue 15 item 13), in a child process
 * so that the kiosk's one input loop never waits for speech: prompts go
 * down a socket without blocking, the newest replaces one not yet spoken
 * and cuts one being spoken. The child also keeps espeak-ng's and the
 * sound system's messages (stderr) off the kiosk's terminal, and a sound
 * device that is missing or fails costs nothing but the speech. */
#ifndef PK_SPEECH_H
#define PK_SPEECH_H

#include <stdbool.h>

typedef struct speech speech;

typedef enum {
    SPEECH_DEVICE,   /* the sound card */
    SPEECH_WAV,      /* each prompt to DIR/NNNN.wav (tests, recordings) */
} speech_sink;

enum { SPEECH_TEXT_MAX = 1024 };

/* Starts the speaking child; NULL when it cannot start (no speech module
 * pk-speech.so, no espeak-ng voice data, no process): the kiosk then runs
 * without speech. */
speech *speech_open(speech_sink sink, const char *wav_dir);
void speech_close(speech *sp);
/* Queues text in the language lang ("vi", "en"); never blocks. */
void speech_say(speech *sp, const char *lang, const char *text);
/* Cuts what is being said and forgets what waits (the idle wipe). */
void speech_stop(speech *sp);
/* The number of the last prompt sent (1..), and the text sent with it. */
int speech_sent(const speech *sp);
const char *speech_last_text(const speech *sp);
/* Waits at most timeout_ms until the child has finished (spoken, cut or
 * failed) the last prompt sent; true when it has. For tests and exit. */
bool speech_wait(speech *sp, int timeout_ms);
/* false once the sound device refused a prompt (no sound card): shown
 * by the toggle, so staff know why the kiosk is silent. */
bool speech_device_ok(speech *sp);
/* true once the speaking process answered that it has no voice at all
 * (its module pk-speech.so or espeak-ng could not start): the toggle says
 * "not available" rather than "on" while nothing can be said. */
bool speech_failed(speech *sp);
/* The speaking child's process id (tests stop it to prove nothing waits). */
int speech_child(const speech *sp);

#endif
