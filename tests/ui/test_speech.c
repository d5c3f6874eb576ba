/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Spoken prompts (issue 15 item 13) with the real espeak-ng, synthesised
 * to WAV files instead of the sound card: F6 on the welcome screen switches
 * them on, each screen says its title and instruction, the focused field's
 * label and each error, in the screen's language; F7 says it again; the
 * idle wipe switches them off. The audio is checked to be speech, not
 * silence. What the citizen typed is never said (digits masked); a child
 * that is stuck never holds the kiosk up; without a sound device the kiosk
 * runs as before. */
#include <CUnit/CUnit.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "citizen_steps.h"
#include "i18n.h"
#include "pkt_helpers.h"
#include "printer.h"
#include "speech.h"
#include "store.h"
#include "unit.h"
#include "voice.h"

enum { WAIT_MS = 60000 };   /* a bound, not a timing: valgrind is slow */

static char wav_dir[64];

static void fresh_dir(void)
{
    snprintf(wav_dir, sizeof wav_dir, "/tmp/pkspeech.XXXXXX");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(wav_dir));
}

static void remove_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", wav_dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
}

/* Peak and RMS of the 16-bit mono WAV file of prompt seq; false when
 * there is no such file or it is no WAV. */
static bool wav_level(int seq, int *peak, double *rms, long *samples)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%04d.wav", wav_dir, seq);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return false;
    unsigned char h[44];
    bool ok = fread(h, 1, sizeof h, fp) == sizeof h && memcmp(h, "RIFF", 4) == 0 &&
              memcmp(h + 8, "WAVE", 4) == 0 && h[22] == 1 && h[34] == 16;
    double sum = 0;
    long n = 0;
    *peak = 0;
    unsigned char s[2];
    while (ok && fread(s, 1, 2, fp) == 2) {
        int v = (short)(s[0] | s[1] << 8);
        if (abs(v) > *peak)
            *peak = abs(v);
        sum += (double)v * v;
        n++;
    }
    fclose(fp);
    *samples = n;
    *rms = n ? __builtin_sqrt(sum / (double)n) : 0;
    return ok;
}

static bool heard_speech(speech *sp)
{
    CU_ASSERT_TRUE_FATAL(speech_wait(sp, WAIT_MS));
    int peak;
    double rms;
    long n;
    if (!wav_level(speech_sent(sp), &peak, &rms, &n))
        return false;
    /* half a second or more of sound well above silence */
    return n > 11025 && peak > 2000 && rms > 200;
}

TEST(speech, wav_is_speech, "espeak-ng's Vietnamese and English voices give speech, not silence")
{
    fresh_dir();
    speech *sp = speech_open(SPEECH_WAV, wav_dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sp);
    speech_say(sp, "vi", "Chọn thủ tục. Gõ vài chữ của tên thủ tục.");
    CU_ASSERT_EQUAL(speech_sent(sp), 1);
    CU_ASSERT_TRUE(heard_speech(sp));
    speech_say(sp, "en", "Choose the procedure.");
    CU_ASSERT_TRUE(heard_speech(sp));
    CU_ASSERT_STRING_EQUAL(speech_last_text(sp), "Choose the procedure.");
    /* nothing to say is not sent */
    speech_say(sp, "vi", "");
    CU_ASSERT_EQUAL(speech_sent(sp), 2);
    speech_close(sp);
    remove_dir();
}

TEST(speech, odd_language, "a language code that is no voice name is said in Vietnamese, never overruns")
{
    fresh_dir();
    speech *sp = speech_open(SPEECH_WAV, wav_dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sp);
    /* longer than the whole line: it once wrote past the line buffer */
    char lang[2000];
    memset(lang, 'x', sizeof lang - 1);
    lang[sizeof lang - 1] = '\0';
    speech_say(sp, lang, "Xin chào");
    CU_ASSERT_TRUE(heard_speech(sp));
    speech_say(sp, "vi\tx\n", "Xin chào");
    CU_ASSERT_TRUE(heard_speech(sp));
    CU_ASSERT_EQUAL(speech_sent(sp), 2);
    speech_close(sp);
    remove_dir();
}

TEST(speech, never_blocks, "a stuck speaking child never holds the kiosk up; the newest prompt is said")
{
    fresh_dir();
    speech *sp = speech_open(SPEECH_WAV, wav_dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sp);
    CU_ASSERT_EQUAL_FATAL(kill(speech_child(sp), SIGSTOP), 0);
    /* far more than a socket holds: each call returns, the rest is dropped */
    char text[900];
    memset(text, 'a', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    for (int i = 0; i < 2000; i++)
        speech_say(sp, "vi", text);
    speech_say(sp, "vi", "Xin chào");
    CU_ASSERT_EQUAL(speech_sent(sp), 2001);
    CU_ASSERT_EQUAL_FATAL(kill(speech_child(sp), SIGCONT), 0);
    /* the child catches up with the newest prompt only */
    speech_say(sp, "vi", "Bước tiếp theo");
    CU_ASSERT_TRUE(heard_speech(sp));
    speech_close(sp);
    remove_dir();
}

TEST(speech, mask, "digits of an ID or phone number are never said in full")
{
    char s[128] = "Số 020090001234, điện thoại 0912345678, bước 2 của 6, 1234";
    voice_mask(s);
    CU_ASSERT_STRING_EQUAL(s, "Số ...234, điện thoại ...678, bước 2 của 6, 1234");
}

/* The prompt said after the last drawing: title and instruction of the
 * screen on top, the instruction it gives now (help_now: the done screen
 * after a failed print has no receipt to take). */
static void says_screen(snap_env *e)
{
    const char *last = speech_last_text(e->a.voice.sp);
    const screen_ops *top = app_top(&e->a);
    const char *help = top->help_now ? top->help_now(&e->a) : NULL;
    if (!help)
        help = top->help;
    char title[sizeof e->a.fr.say_title];
    str_copy(title, sizeof title, e->a.fr.say_title);
    voice_mask(title);                 /* as said: long digit runs masked */
    CU_ASSERT_PTR_NOT_NULL(strstr(last, _(help)));
    CU_ASSERT_PTR_NOT_NULL(strstr(last, title));
    CU_ASSERT_TRUE(e->a.fr.say_title[0] != '\0');
    if (help != top->help)
        CU_ASSERT_PTR_NULL(strstr(last, _(top->help)));
    if (!strstr(last, _(help)) || !strstr(last, title))
        fprintf(stderr, "\n  %s (title \"%s\"): said \"%s\"", top->name, title, last);
}

/* The focused field's label is in what was said last (label: the one
 * expected; NULL: whatever the screen focuses, if anything). */
static void says_focus(snap_env *e, const char *label)
{
    const char *last = speech_last_text(e->a.voice.sp);
    if (label)
        CU_ASSERT_STRING_EQUAL(e->a.fr.say_focus, label);
    CU_ASSERT_PTR_NOT_NULL(strstr(last, e->a.fr.say_focus));
    if (!strstr(last, e->a.fr.say_focus))
        fprintf(stderr, "\n  focus \"%s\" not in \"%s\"", e->a.fr.say_focus, last);
}

/* The error on screen was said, with the message expected in it; the
 * audio is speech. */
static void says_error(snap_env *e, const char *expect)
{
    const char *last = speech_last_text(e->a.voice.sp);
    CU_ASSERT_TRUE(e->a.fr.say_error[0] != '\0');
    CU_ASSERT_PTR_NOT_NULL(strstr(e->a.fr.say_error, expect));
    CU_ASSERT_PTR_NOT_NULL(strstr(last, expect));
    if (!strstr(last, expect))
        fprintf(stderr, "\n  error \"%s\" not in \"%s\"", expect, last);
    CU_ASSERT_TRUE(heard_speech(e->a.voice.sp));
}

static void walk(const char *lang)
{
    fresh_dir();
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, lang));
    e.a.voice.sp = speech_open(SPEECH_WAV, wav_dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(e.a.voice.sp);
    /* off until asked; the toggle is on the welcome screen */
    CU_ASSERT(snap_has(_("Spoken prompts: off")));
    CU_ASSERT_EQUAL(speech_sent(e.a.voice.sp), 0);
    snap_key(&e, TK_F6);
    CU_ASSERT_TRUE(e.a.voice.on);
    CU_ASSERT(snap_has(_("Spoken prompts: on")));
    CU_ASSERT_PTR_NOT_NULL(strstr(speech_last_text(e.a.voice.sp),
                                  _("Spoken prompts on. Press F7 to hear again")));
    says_screen(&e);
    CU_ASSERT_TRUE(heard_speech(e.a.voice.sp));
    /* every step of a dossier says its title and instruction (sent and
     * returned by post: the address screen too) */
    snap_act(&e, ACT_CHOOSE, 3);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedures");
    says_screen(&e);
    CU_ASSERT_PTR_NOT_NULL(strstr(speech_last_text(e.a.voice.sp), _("Choose the procedure")));
    snap_type(&e, "khai sinh");
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedure");
    says_screen(&e);
    snap_key(&e, TK_ENTER);
    says_screen(&e);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "consent");
    says_screen(&e);
    /* the focused choice is said when the focus moves */
    int before = speech_sent(e.a.voice.sp);
    snap_key(&e, TK_DOWN);
    CU_ASSERT_EQUAL(speech_sent(e.a.voice.sp), before + 1);
    CU_ASSERT_STRING_EQUAL(speech_last_text(e.a.voice.sp), e.a.fr.say_focus);
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "applicant");
    says_screen(&e);
    CU_ASSERT_PTR_NOT_NULL(strstr(speech_last_text(e.a.voice.sp), _("Full name")));
    CU_ASSERT_TRUE(heard_speech(e.a.voice.sp));
    /* typing says nothing; the next field's label is said */
    for (int i = 0; i < 3 && e.a.ime != IME_TELEX; i++)
        snap_key(&e, TK_F3);
    before = speech_sent(e.a.voice.sp);
    snap_type(&e, "Nguyeenx Vawn An");
    CU_ASSERT_EQUAL(speech_sent(e.a.voice.sp), before);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(speech_last_text(e.a.voice.sp), _("ID card number"));
    /* an error is said; the digits typed are not */
    snap_type(&e, "0200900012");
    snap_key(&e, TK_ENTER);
    const char *last = speech_last_text(e.a.voice.sp);
    CU_ASSERT_STRING_NOT_EQUAL(last, _("ID card number"));
    CU_ASSERT_PTR_NOT_NULL(strstr(e.a.fr.say_error, last[0] ? last : "-"));
    CU_ASSERT_PTR_NULL(strstr(last, "0200900012"));
    CU_ASSERT_PTR_NULL(strstr(last, "Nguyễn"));
    CU_ASSERT_TRUE(heard_speech(e.a.voice.sp));
    /* F7 says the whole prompt again */
    before = speech_sent(e.a.voice.sp);
    snap_key(&e, TK_F7);
    CU_ASSERT_EQUAL(speech_sent(e.a.voice.sp), before + 1);
    says_screen(&e);
    CU_ASSERT_PTR_NULL(strstr(speech_last_text(e.a.voice.sp), "0200900012"));
    /* the address, review and done screens, each with an error */
    clear_field(&e);
    snap_type(&e, "020090001234");
    snap_key(&e, TK_ENTER);
    snap_type(&e, "0912345678");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);                            /* no e-mail */
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "address");
    says_screen(&e);
    says_focus(&e, _("Commune or ward"));
    CU_ASSERT_TRUE(heard_speech(e.a.voice.sp));
    snap_type(&e, "qqq");                              /* no such commune */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "address");
    says_error(&e, _("No commune or ward starts like this. Try fewer letters."));
    CU_ASSERT_PTR_NULL(strstr(speech_last_text(e.a.voice.sp), "qqq"));
    clear_field(&e);
    fill_address(&e);
    snap_key(&e, TK_ENTER);                            /* I receive it */
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "review");
    says_screen(&e);
    says_focus(&e, NULL);
    CU_ASSERT_TRUE(heard_speech(e.a.voice.sp));
    /* the database busy at the confirm: nothing lost, and said so */
    char db_path[128];
    snprintf(db_path, sizeof db_path, "%s/t.db", e.dir);   /* snap_open's database */
    store *holder = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(db_path, &holder, NULL, 0), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_tx_begin(holder), PK_OK);
    store_set_busy_timeout(e.db, 20);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "review");
    says_error(&e, _("Nothing was lost. Press Enter to try again."));
    store_tx_rollback(holder);
    store_close(holder);
    /* the printer unplugged: the done screen says the receipt failed */
    printer_close(e.pr);
    e.pr = NULL;
    e.a.pr = NULL;
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "done");
    says_screen(&e);
    says_focus(&e, NULL);
    says_error(&e, _("The receipt could not be printed:"));
    snap_wait(&e, 2000);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    /* the idle wipe switches them off for the next citizen */
    snap_wait(&e, (e.a.idle_timeout + 5) * 1000);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    CU_ASSERT_FALSE(e.a.voice.on);
    CU_ASSERT(snap_has(_("Spoken prompts: off")));
    before = speech_sent(e.a.voice.sp);
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_EQUAL(speech_sent(e.a.voice.sp), before);
    snap_close(&e);
    remove_dir();
}

TEST(speech, walk_vi, "Vietnamese: each screen's title, instruction, focus and errors are said")
{
    walk("vi");
}

TEST(speech, walk_en, "English: each screen's title, instruction, focus and errors are said")
{
    walk("en");
}

TEST(speech, no_sound_device, "without a sound device the kiosk runs as before and says why it is silent")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    snap_key(&e, TK_F6);           /* the real sound card, as the kiosk opens it */
    CU_ASSERT_PTR_NOT_NULL_FATAL(e.a.voice.sp);
    CU_ASSERT_TRUE(speech_wait(e.a.voice.sp, WAIT_MS));
    if (access("/dev/snd", F_OK) != 0) {
        snap_key(&e, TK_DOWN);     /* a redraw shows the state */
        CU_ASSERT_FALSE(speech_device_ok(e.a.voice.sp));
        CU_ASSERT(snap_has(_("Spoken prompts: no sound device")));
    }
    /* the dossier goes on as before */
    to_procedure(&e, 1, "khai sinh");
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedure");
    snap_key(&e, TK_F6);
    CU_ASSERT_FALSE(e.a.voice.on);
    snap_close(&e);
}

/* A speech module that cannot be loaded (a broken pk-speech.so): the
 * speaking process answers that it has no voice, and the toggle must say
 * so instead of "on" while nothing is said; the dossier goes on. */
TEST(speech, broken_module, "a speech module that cannot load: the toggle says not available")
{
    char *dir = pkt_tmpdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    char so[600];
    snprintf(so, sizeof so, "%s/pk-speech.so", dir);
    FILE *f = fopen(so, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("not a shared object\n", f);
    fclose(f);
    const char *old = getenv("POSTKIOSK_MODULEDIR");
    char *keep = old ? strdup(old) : NULL;
    setenv("POSTKIOSK_MODULEDIR", dir, 1);
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    snap_key(&e, TK_F6);
    CU_ASSERT_PTR_NOT_NULL_FATAL(e.a.voice.sp);
    CU_ASSERT_TRUE(speech_wait(e.a.voice.sp, WAIT_MS));
    snap_key(&e, TK_DOWN);         /* a redraw shows the state */
    CU_ASSERT_TRUE(speech_failed(e.a.voice.sp));
    CU_ASSERT(snap_has(_("Spoken prompts: not available")));
    CU_ASSERT(snap_lacks(_("Spoken prompts: on")));
    to_procedure(&e, 1, "khai sinh");
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedure");
    snap_close(&e);
    if (keep) {
        setenv("POSTKIOSK_MODULEDIR", keep, 1);
        free(keep);
    } else {
        unsetenv("POSTKIOSK_MODULEDIR");
    }
    pkt_rmtree(dir);
    free(dir);
}

SUITE(speech, NULL, NULL);
