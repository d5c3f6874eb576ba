/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Spoken prompts: the parent's side writes "seq<TAB>lang<TAB>text\n" lines
 * down a non-blocking socket (a socket, not a pipe: MSG_NOSIGNAL, so a
 * dead child never kills the kiosk with SIGPIPE); the child speaks the
 * newest line, polls the socket while espeak-ng synthesises and cuts the
 * prompt as soon as a newer one arrives, then answers with the prompt's
 * number and how it ended (5 bytes: seq, 'S' spoken, 'C' cut, 'F' the
 * sound device refused it, 'E' espeak-ng could not start, or the speech
 * module, which only the child loads, could not be loaded). */
#include "speech.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "speech_module.h"
#include "util.h"

struct speech {
    int fd;
    pid_t pid;
    int sent, done;
    bool device_ok;
    bool failed;        /* the child answered 'E': it has no voice at all */
    char last[SPEECH_TEXT_MAX];
    unsigned char part[5];     /* an answer read in pieces */
    size_t npart;
    /* what the socket did not take yet: the rest of a line begun (it must
     * end whole) and then only the newest prompt */
    char out[2 * (SPEECH_TEXT_MAX + 64)];
    size_t out_len, begun;     /* begun: bytes of out[] that belong to a line partly sent */
};

/* ---- the child ------------------------------------------------------------ */

static struct {
    int fd;
    bool cut;
    short *pcm;
    size_t n, cap;
    bool keep;          /* WAV: collect the samples */
} ch;

/* espeak-ng hands over the samples (WAV); returning 1 stops the
 * synthesis: a newer prompt is waiting. */
static int synth_cb(short *wav, int nsamples)
{
    if (ch.keep && wav && nsamples > 0) {
        if (ch.n + (size_t)nsamples > ch.cap) {
            ch.cap = (ch.n + (size_t)nsamples) * 2;
            ch.pcm = xrealloc(ch.pcm, ch.cap * sizeof *ch.pcm);
        }
        memcpy(ch.pcm + ch.n, wav, (size_t)nsamples * sizeof *wav);
        ch.n += (size_t)nsamples;
    }
    struct pollfd p = {ch.fd, POLLIN, 0};
    if (poll(&p, 1, 0) > 0) {
        ch.cut = true;
        return 1;
    }
    return 0;
}

static void put32(unsigned char *b, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        b[i] = (unsigned char)(v >> (8 * i));
}

/* 16-bit mono PCM in a RIFF/WAVE file. */
static bool write_wav(const char *path, const short *pcm, size_t n, int rate)
{
    unsigned char h[44];
    uint32_t bytes = (uint32_t)(n * 2);
    memcpy(h, "RIFF", 4);
    put32(h + 4, 36 + bytes);
    memcpy(h + 8, "WAVEfmt ", 8);
    put32(h + 16, 16);
    h[20] = 1; h[21] = 0;                 /* PCM */
    h[22] = 1; h[23] = 0;                 /* mono */
    put32(h + 24, (uint32_t)rate);
    put32(h + 28, (uint32_t)rate * 2);
    h[32] = 2; h[33] = 0;
    h[34] = 16; h[35] = 0;
    memcpy(h + 36, "data", 4);
    put32(h + 40, bytes);
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return false;
    bool ok = fwrite(h, 1, sizeof h, fp) == sizeof h;
    for (size_t i = 0; ok && i < n; i++) {   /* little-endian whatever the host */
        unsigned char s[2] = {(unsigned char)(pcm[i] & 0xff), (unsigned char)((pcm[i] >> 8) & 0xff)};
        ok = fwrite(s, 1, 2, fp) == 2;
    }
    return fclose(fp) == 0 && ok;
}

static void answer(int fd, int seq, char how)
{
    unsigned char b[5];
    put32(b, (uint32_t)seq);
    b[4] = (unsigned char)how;
    if (send(fd, b, sizeof b, MSG_NOSIGNAL) < 0) {
        /* the kiosk is gone: the next read says so */
    }
}

/* Lines from the kiosk, read byte by byte: only the newest complete one
 * is kept (a line longer than a prompt can be is dropped whole). */
typedef struct {
    char cur[SPEECH_TEXT_MAX + 64];
    size_t len;
    bool skipping;
    char newest[SPEECH_TEXT_MAX + 64];
    bool have;
} reader;

static void read_bytes(reader *rd, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (b[i] == '\n') {
            if (!rd->skipping) {
                memcpy(rd->newest, rd->cur, rd->len);
                rd->newest[rd->len] = '\0';
                rd->have = true;
            }
            rd->skipping = false;
            rd->len = 0;
        } else if (rd->skipping) {
            continue;
        } else if (rd->len + 1 < sizeof rd->cur) {
            rd->cur[rd->len++] = b[i];
        } else {
            rd->skipping = true;
        }
    }
}

_Noreturn static void child_main(int fd, speech_sink sink, const char *dir)
{
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {   /* espeak-ng's and ALSA's complaints must not reach the screen */
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
    }
    long maxfd = sysconf(_SC_OPEN_MAX);
    for (int i = 3; i < (maxfd > 0 && maxfd < 4096 ? maxfd : 4096); i++)
        if (i != fd)
            close(i);   /* the database, its lock, the printer: the kiosk's own */
    signal(SIGINT, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    ch.fd = fd;
    ch.keep = sink == SPEECH_WAV;
    /* espeak-ng is mapped here, in the child only (the speech module) */
    char why[300];
    const speech_module *m = module_load("speech", sizeof(speech_module), why, sizeof why);
    bool up = m && m->start(sink == SPEECH_WAV, synth_cb);
    static reader rd;
    char chunk[4096];
    char line[SPEECH_TEXT_MAX + 64], lang[8] = "";
    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, -1) < 0 && errno != EINTR)
            break;
        ssize_t r;
        bool eof = false;
        while ((r = recv(fd, chunk, sizeof chunk, MSG_DONTWAIT)) > 0)
            read_bytes(&rd, chunk, (size_t)r);
        if (r == 0)
            eof = true;
        if (!rd.have) {
            if (eof)
                break;
            continue;
        }
        rd.have = false;
        str_copy(line, sizeof line, rd.newest);
        /* seq \t lang \t text ("-" as lang: stop, nothing to say) */
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (!t1 || !t2)
            continue;
        *t1 = *t2 = '\0';
        int seq = atoi(line);
        const char *text = t2 + 1;
        if (strcmp(t1 + 1, "-") == 0) {
            answer(fd, seq, 'C');
            continue;
        }
        if (!up) {
            answer(fd, seq, 'E');
            continue;
        }
        if (strcmp(lang, t1 + 1) != 0) {
            str_copy(lang, sizeof lang, t1 + 1);
            m->voice(lang);
        }
        ch.cut = false;
        ch.n = 0;
        bool said = m->say(text, &ch.cut);
        char how = ch.cut ? 'C' : said ? 'S' : 'F';
        if (how == 'S' && sink == SPEECH_WAV) {
            char path[4200];
            snprintf(path, sizeof path, "%s/%04d.wav", dir, seq);
            if (!write_wav(path, ch.pcm, ch.n, m->sample_rate()))
                how = 'F';
        }
        answer(fd, seq, how);
        if (eof)
            break;
    }
    if (up)
        m->stop();
    free(ch.pcm);
    _exit(0);
}

/* ---- the kiosk's side ------------------------------------------------------- */

speech *speech_open(speech_sink sink, const char *wav_dir)
{
    if (sink == SPEECH_WAV && (!wav_dir || strlen(wav_dir) > 4000))
        return NULL;
    if (!module_present("speech"))
        return NULL;   /* no speech module installed: the kiosk runs silent */
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return NULL;
    pid_t pid = fork();
    if (pid < 0) {
        close(sv[0]);
        close(sv[1]);
        return NULL;
    }
    if (pid == 0) {
        close(sv[0]);
        child_main(sv[1], sink, wav_dir);
    }
    close(sv[1]);
    fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK);
    speech *sp = xcalloc(1, sizeof *sp);
    sp->fd = sv[0];
    sp->pid = pid;
    sp->device_ok = true;
    return sp;
}

/* Reads the child's answers that have arrived. */
static void collect(speech *sp)
{
    unsigned char b[5 * 64];
    unsigned char *part = sp->part;
    ssize_t r;
    while ((r = recv(sp->fd, b, sizeof b, MSG_DONTWAIT)) > 0) {
        for (ssize_t i = 0; i < r; i++) {
            part[sp->npart++] = b[i];
            if (sp->npart < 5)
                continue;
            sp->npart = 0;
            int seq = (int)(part[0] | part[1] << 8 | part[2] << 16 | (uint32_t)part[3] << 24);
            if (seq > sp->done)
                sp->done = seq;
            if (part[4] == 'E' && !sp->failed) {
                sp->failed = true;
                /* the child's stderr goes nowhere: say it here, once */
                log_warn("speech: the speaking process could not start espeak-ng or load "
                         "pk-speech.so: the kiosk stays silent");
            } else if (part[4] == 'F')
                sp->device_ok = false;
            else if (part[4] == 'S')
                sp->device_ok = true;
        }
    }
}

/* Sends what the socket takes now; the rest waits for the next call. */
static void flush(speech *sp)
{
    while (sp->out_len > 0) {
        ssize_t r = send(sp->fd, sp->out, sp->out_len, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
            /* the line partly sent must end whole; what follows may still change */
            break;
        }
        if (r <= 0) {           /* the child is gone: nothing will be said */
            sp->out_len = sp->begun = 0;
            sp->done = sp->sent;
            return;
        }
        bool mid = sp->out[r - 1] != '\n';   /* stopped inside a line */
        memmove(sp->out, sp->out + r, sp->out_len - (size_t)r);
        sp->out_len -= (size_t)r;
        char *nl = mid ? memchr(sp->out, '\n', sp->out_len) : NULL;
        sp->begun = !mid ? 0 : nl ? (size_t)(nl - sp->out) + 1 : sp->out_len;
    }
}

/* A voice name the child can take: lowercase letters and '-', shorter than
 * its 8-byte field. Anything else (a tab would split the line, a long one
 * would overrun it) is no voice: the kiosk's own language is said. */
static bool voice_name(const char *lang)
{
    size_t n = 0;
    for (; lang[n]; n++)
        if (n >= 7 || !((lang[n] >= 'a' && lang[n] <= 'z') || lang[n] == '-'))
            return false;
    return n > 0;
}

static void send_line(speech *sp, const char *lang, const char *text)
{
    char line[SPEECH_TEXT_MAX + 64];
    int n = snprintf(line, sizeof line, "%d\t%s\t", ++sp->sent, lang);
    for (const char *p = text; *p && n < (int)sizeof line - 2; p++)
        line[n++] = *p == '\n' || *p == '\t' || *p == '\r' ? ' ' : *p;
    line[n++] = '\n';
    /* a waiting prompt not yet begun is stale: the newest replaces it */
    sp->out_len = sp->begun;
    memcpy(sp->out + sp->out_len, line, (size_t)n);
    sp->out_len += (size_t)n;
    flush(sp);
    collect(sp);
}

void speech_say(speech *sp, const char *lang, const char *text)
{
    if (!sp || !text || !*text)
        return;
    /* a prompt cut by the buffer would be cut in the middle of a letter */
    str_copy(sp->last, sizeof sp->last, text);
    send_line(sp, lang && voice_name(lang) ? lang : "vi", sp->last);
}

void speech_stop(speech *sp)
{
    if (sp)
        send_line(sp, "-", "");
}

int speech_sent(const speech *sp)
{
    return sp ? sp->sent : 0;
}

const char *speech_last_text(const speech *sp)
{
    return sp ? sp->last : "";
}

int speech_child(const speech *sp)
{
    return sp ? (int)sp->pid : -1;
}

bool speech_wait(speech *sp, int timeout_ms)
{
    if (!sp)
        return true;
    for (int waited = 0;; waited += 10) {
        flush(sp);
        collect(sp);
        if (sp->done >= sp->sent)
            return true;
        if (waited >= timeout_ms)
            return false;
        struct pollfd p = {sp->fd, POLLIN, 0};
        poll(&p, 1, 10);
    }
}

bool speech_failed(speech *sp)
{
    if (!sp)
        return true;
    collect(sp);
    return sp->failed;
}

bool speech_device_ok(speech *sp)
{
    if (!sp)
        return false;
    collect(sp);
    return sp->device_ok;
}

void speech_close(speech *sp)
{
    if (!sp)
        return;
    speech_stop(sp);
    shutdown(sp->fd, SHUT_WR);
    close(sp->fd);
    /* the child ends at the end of its socket; a stuck one is ended */
    int st;
    for (int i = 0; i < 200; i++) {
        if (waitpid(sp->pid, &st, WNOHANG) == sp->pid) {
            free(sp);
            return;
        }
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    kill(sp->pid, SIGKILL);
    waitpid(sp->pid, &st, 0);
    free(sp);
}
