/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tour files: parser and player (see tour.h for the format). Pure C: the
 * player is a state machine driven by the caller's clock. */
#include "tour.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "i18n.h"
#include "text.h"

static const char *const key_names[TOUR_K__COUNT] = {
    [TOUR_K_ENTER] = "Enter", [TOUR_K_ESC] = "Esc", [TOUR_K_TAB] = "Tab",
    [TOUR_K_BACKTAB] = "BackTab", [TOUR_K_BACKSPACE] = "Backspace",
    [TOUR_K_DELETE] = "Delete", [TOUR_K_UP] = "Up", [TOUR_K_DOWN] = "Down",
    [TOUR_K_LEFT] = "Left", [TOUR_K_RIGHT] = "Right", [TOUR_K_HOME] = "Home",
    [TOUR_K_END] = "End", [TOUR_K_PGUP] = "PgUp", [TOUR_K_PGDN] = "PgDn",
    [TOUR_K_F1] = "F1", [TOUR_K_F2] = "F2", [TOUR_K_F3] = "F3", [TOUR_K_F4] = "F4",
    [TOUR_K_F5] = "F5", [TOUR_K_F6] = "F6", [TOUR_K_F7] = "F7", [TOUR_K_F8] = "F8",
    [TOUR_K_F9] = "F9", [TOUR_K_F10] = "F10", [TOUR_K_F11] = "F11", [TOUR_K_F12] = "F12",
};

const char *tour_key_name(tour_key k)
{
    return k > TOUR_K_NONE && k < TOUR_K__COUNT ? key_names[k] : NULL;
}

/* ---- parsing ------------------------------------------------------------- */

typedef struct {
    const char *path;
    int line;
    int nerr;
    sbuf *errs;
    tour *t;
    bool group_open;       /* the last step is a caption or wait-for that may take more languages */
} parser;

static void bad(parser *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void bad(parser *ps, const char *fmt, ...)
{
    ps->nerr++;
    if (!ps->errs || ps->nerr > TOUR_ERRORS_MAX + 1)
        return;
    if (ps->nerr == TOUR_ERRORS_MAX + 1) {
        sbuf_addf(ps->errs, "%s:%d: %s\n", ps->path, ps->line, _("too many errors, giving up"));
        return;
    }
    sbuf_addf(ps->errs, "%s:%d: ", ps->path, ps->line);
    va_list ap;
    va_start(ap, fmt);
    sbuf_vaddf(ps->errs, fmt, ap);
    va_end(ap);
    sbuf_add(ps->errs, "\n");
}

static tour_step *add_step(tour *t, tour_step_kind kind, int line)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 32;
        t->steps = xrealloc(t->steps, (size_t)t->cap * sizeof *t->steps);
    }
    tour_step *s = &t->steps[t->n++];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->line = line;
    return s;
}

static bool lang_ok(const char *s, size_t n)
{
    if (n < 2 || n > 3)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return false;
    return true;
}

/* Splits "LANG TEXT": false (after reporting) when either is missing or bad. */
static bool lang_and_text(parser *ps, const char *what, char *arg, char lang[4], char **text,
                          bool any)
{
    size_t n = strcspn(arg, " \t");
    if (n == 0) {
        bad(ps, _("%s needs a language and a text"), what);
        return false;
    }
    if (!lang_ok(arg, n) && !(any && n == 1 && arg[0] == '*')) {
        bad(ps, _("bad language code \"%.*s\" (two or three letters a-z)"), (int)(n > 8 ? 8 : n),
            arg);
        return false;
    }
    memcpy(lang, arg, n);
    lang[n] = '\0';
    char *rest = arg + n;
    rest += strspn(rest, " \t");
    if (!*rest) {
        bad(ps, _("%s needs a text after the language"), what);
        return false;
    }
    *text = rest;
    return true;
}

/* Adds (lang, text) to a list of at most TOUR_LANGS_MAX texts. */
static bool add_text(parser *ps, tour_text *texts, int *n, const char *lang, const char *text)
{
    for (int i = 0; i < *n; i++)
        if (strcmp(texts[i].lang, lang) == 0) {
            bad(ps, _("a second text in language \"%s\""), lang);
            return false;
        }
    if (*n >= TOUR_LANGS_MAX) {
        bad(ps, _("too many languages (at most %d)"), TOUR_LANGS_MAX);
        return false;
    }
    str_copy(texts[*n].lang, sizeof texts[*n].lang, lang);
    texts[*n].text = xstrdup(text);
    (*n)++;
    return true;
}

/* caption / wait-for: "LANG TEXT"; consecutive lines of one kind in
 * different languages make one step. */
static void parse_grouped(parser *ps, tour_step_kind kind, const char *what, char *arg)
{
    char lang[4];
    char *text;
    if (!lang_and_text(ps, what, arg, lang, &text, kind == TS_WAIT))
        return;
    tour_step *s = ps->group_open ? &ps->t->steps[ps->t->n - 1] : NULL;
    if (s && s->kind != kind)
        s = NULL;
    for (int i = 0; s && i < s->ntexts; i++)
        if (strcmp(s->texts[i].lang, lang) == 0)
            s = NULL;      /* same language again: a new step */
    if (!s)
        s = add_step(ps->t, kind, ps->line);
    add_text(ps, s->texts, &s->ntexts, lang, text);
    ps->group_open = true;
}

/* "<Name>" at p (which points at '<'): the named key, or in *ch the
 * character of <lt> and <Space>. *len = bytes used. False when unknown. */
static bool named_key(const char *p, size_t *len, tour_key *key, uint32_t *ch)
{
    const char *end = strchr(p, '>');
    size_t n = (size_t)(end - p - 1);
    *len = n + 2;
    *key = TOUR_K_NONE;
    *ch = 0;
    if (n == 2 && strncmp(p + 1, "lt", 2) == 0)
        *ch = '<';
    else if (n == 5 && strncmp(p + 1, "Space", 5) == 0)
        *ch = ' ';
    for (int k = TOUR_K_NONE + 1; k < TOUR_K__COUNT && !*ch; k++)
        if (strlen(key_names[k]) == n && strncmp(p + 1, key_names[k], n) == 0)
            *key = (tour_key)k;
    return *key != TOUR_K_NONE || *ch;
}

static void parse_keys(parser *ps, const char *arg)
{
    if (!*arg) {
        bad(ps, _("keys needs at least one key"));
        return;
    }
    tour *t = ps->t;
    int first = t->n;
    const char *p = arg;
    while (*p) {
        tour_step *s;
        if (*p == '<') {
            if (!strchr(p, '>')) {
                bad(ps, _("'<' without '>': write <lt> for a literal '<'"));
                t->n = first;
                return;
            }
            size_t len;
            tour_key k;
            uint32_t ch;
            if (!named_key(p, &len, &k, &ch)) {
                int n = (int)len - 2;
                bad(ps, _("unknown key name <%.*s>"), n > 32 ? 32 : n, p + 1);
                t->n = first;
                return;
            }
            s = add_step(t, TS_KEY, ps->line);
            s->key = k;
            s->cp = ch;
            p += len;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
        if (n <= 0) {      /* the line was validated: cannot happen */
            t->n = first;
            return;
        }
        add_step(t, TS_KEY, ps->line)->cp = (uint32_t)cp;
        p += n;
    }
}

static void parse_pause(parser *ps, const char *arg)
{
    if (!*arg) {
        bad(ps, _("pause needs a number of seconds"));
        return;
    }
    /* digits, optionally '.' and up to three decimals: no locale, no strtod */
    long whole = 0;
    int ms = 0, dec = 0;
    const char *p = arg;
    bool digits = false;
    while (*p >= '0' && *p <= '9' && whole <= 600) {
        whole = whole * 10 + (*p++ - '0');
        digits = true;
    }
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9' && dec < 3) {
            ms = ms * 10 + (*p++ - '0');
            dec++;
            digits = true;
        }
        for (; dec < 3 && dec > 0; dec++)
            ms *= 10;
    }
    if (!digits || *p) {
        bad(ps, _("pause needs a number of seconds such as 2 or 1.5, not \"%.32s\""), arg);
        return;
    }
    if (whole > 600 || (whole == 600 && ms > 0)) {
        bad(ps, _("pause is at most 600 seconds"));
        return;
    }
    add_step(ps->t, TS_PAUSE, ps->line)->ms = (int)whole * 1000 + ms;
}

static void parse_line(parser *ps, char *line)
{
    char *dir = line + strspn(line, " \t");
    if (!*dir || *dir == '#')
        return;
    size_t n = strcspn(dir, " \t");
    char *arg = dir + n;
    arg += strspn(arg, " \t");
    char save = dir[n];
    dir[n] = '\0';
    bool was_open = ps->group_open;
    ps->group_open = false;

    if (strcmp(dir, "caption") == 0) {
        ps->group_open = was_open;
        parse_grouped(ps, TS_CAPTION, "caption", arg);
    } else if (strcmp(dir, "keys") == 0) {
        parse_keys(ps, arg);
    } else if (strcmp(dir, "pause") == 0) {
        parse_pause(ps, arg);
    } else if (strcmp(dir, "clear") == 0) {
        if (*arg)
            bad(ps, _("clear takes no argument"));
        else
            add_step(ps->t, TS_CLEAR, ps->line);
    } else if (strcmp(dir, "wait-for") == 0) {
        ps->group_open = was_open;
        parse_grouped(ps, TS_WAIT, "wait-for", arg);
    } else if (strcmp(dir, "lang") == 0) {
        if (!*arg)
            bad(ps, _("lang needs a language code"));
        else if (!lang_ok(arg, strlen(arg)))
            bad(ps, _("bad language code \"%.*s\" (two or three letters a-z)"),
                strlen(arg) > 8 ? 8 : (int)strlen(arg), arg);
        else
            str_copy(add_step(ps->t, TS_LANG, ps->line)->lang, 4, arg);
    } else if (strcmp(dir, "ime") == 0) {
        if (strcmp(arg, "telex") != 0 && strcmp(arg, "vni") != 0 && strcmp(arg, "off") != 0)
            bad(ps, _("ime needs telex, vni or off"));
        else
            add_step(ps->t, TS_IME, ps->line)->text = xstrdup(arg);
    } else if (strcmp(dir, "title") == 0) {
        char lang[4];
        char *text;
        if (lang_and_text(ps, "title", arg, lang, &text, false))
            add_text(ps, ps->t->titles, &ps->t->ntitles, lang, text);
    } else {
        bad(ps, _("unknown directive \"%.32s\""), dir);
    }
    dir[n] = save;
}

bool tour_parse(const char *path, const char *buf, size_t len, tour *t, sbuf *errs)
{
    memset(t, 0, sizeof *t);
    t->path = xstrdup(path ? path : "-");
    parser ps = {.path = t->path, .errs = errs, .t = t};
    char *line = xmalloc(TOUR_LINE_MAX + 1);
    size_t pos = 0;
    while (pos < len) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (buf + pos)) : len - pos;
        ps.line++;
        const char *start = buf + pos;
        pos += n + (nl ? 1 : 0);
        if (n > 0 && start[n - 1] == '\r')
            n--;
        if (ps.line == 1 && n >= 3 && memcmp(start, "\xef\xbb\xbf", 3) == 0) {
            start += 3;     /* byte-order mark */
            n -= 3;
        }
        if (n > TOUR_LINE_MAX) {
            bad(&ps, ngettext("line too long (at most %d byte)", "line too long (at most %d bytes)", TOUR_LINE_MAX),
                TOUR_LINE_MAX);
            ps.group_open = false;
            continue;
        }
        if (!text_valid_utf8(start, n)) {
            bad(&ps, _("invalid UTF-8"));
            ps.group_open = false;
            continue;
        }
        memcpy(line, start, n);
        line[n] = '\0';
        for (char *c = line; *c; c++)
            if (*c == '\t')
                *c = ' ';     /* a tab separates like a space */
        if (strlen(line) != n || text_has_control(line)) {
            bad(&ps, _("control character in the line"));
            ps.group_open = false;
            continue;
        }
        while (n > 0 && line[n - 1] == ' ')
            line[--n] = '\0';
        /* NFC inside: captions compare with and draw like the screens' text */
        char *nfc = text_nfc(line);
        if (!nfc) {
            bad(&ps, _("invalid UTF-8"));
            continue;
        }
        if (strlen(nfc) > TOUR_LINE_MAX) {
            bad(&ps, ngettext("line too long (at most %d byte)", "line too long (at most %d bytes)", TOUR_LINE_MAX),
                TOUR_LINE_MAX);
        } else {
            strcpy(line, nfc);
            parse_line(&ps, line);
        }
        free(nfc);
    }
    free(line);
    if (ps.nerr == 0 && t->n == 0) {
        ps.nerr++;
        if (errs)
            sbuf_addf(errs, "%s: %s\n", t->path, _("the tour has no steps"));
    }
    return ps.nerr == 0;
}

bool tour_load(const char *path, tour *t, sbuf *errs)
{
    memset(t, 0, sizeof *t);
    FILE *f = fopen(path, "rb");
    const char *why = NULL;
    char *buf = NULL;
    size_t len = 0;
    if (!f) {
        why = strerror(errno);
    } else {
        buf = xmalloc(TOUR_FILE_MAX + 1);
        len = fread(buf, 1, TOUR_FILE_MAX + 1, f);
        if (ferror(f))
            why = strerror(errno);
        else if (len > TOUR_FILE_MAX)
            why = _("the file is too large");
        fclose(f);
    }
    if (why) {
        if (errs)
            sbuf_addf(errs, "%s: %s\n", path, why);
        free(buf);
        t->path = xstrdup(path);
        return false;
    }
    bool ok = tour_parse(path, buf, len, t, errs);
    free(buf);
    return ok;
}

void tour_free(tour *t)
{
    for (int i = 0; i < t->n; i++) {
        tour_step *s = &t->steps[i];
        free(s->text);
        for (int j = 0; j < s->ntexts; j++)
            free(s->texts[j].text);
    }
    for (int j = 0; j < t->ntitles; j++)
        free(t->titles[j].text);
    free(t->steps);
    free(t->path);
    memset(t, 0, sizeof *t);
}

const char *tour_text_for(const tour_text *texts, int n, const char *lang)
{
    for (int i = 0; lang && i < n; i++)
        if (strcmp(texts[i].lang, lang) == 0)
            return texts[i].text;
    for (int i = 0; i < n; i++)
        if (strcmp(texts[i].lang, "vi") == 0)
            return texts[i].text;
    return n > 0 ? texts[0].text : NULL;
}

const char *tour_wait_text(const tour_step *s, const char *lang)
{
    const char *any = NULL;
    for (int i = 0; i < s->ntexts; i++) {
        if (lang && strcmp(s->texts[i].lang, lang) == 0)
            return s->texts[i].text;
        if (strcmp(s->texts[i].lang, "*") == 0)
            any = s->texts[i].text;
    }
    return any;
}

const char *tour_title(const tour *t, const char *lang)
{
    const char *s = tour_text_for(t->titles, t->ntitles, lang);
    if (s)
        return s;
    const char *slash = t->path ? strrchr(t->path, '/') : NULL;
    return slash ? slash + 1 : (t->path ? t->path : "");
}

/* ---- the player ------------------------------------------------------------ */

bool tour_speed_parse(const char *s, tour_speed *out)
{
    if (s && strcmp(s, "normal") == 0)
        *out = TOUR_NORMAL;
    else if (s && strcmp(s, "max") == 0)
        *out = TOUR_MAX;
    else
        return false;
    return true;
}

/* Reading time of a caption: a calm pace for people reading along. */
static int caption_ms(const tour_step *s)
{
    int longest = 0;
    for (int i = 0; i < s->ntexts; i++) {
        int n = text_width(s->texts[i].text);
        if (n > longest)
            longest = n;
    }
    long ms = 1200 + 50 * (long)longest;
    return (int)(ms < 3000 ? 3000 : ms > 12000 ? 12000 : ms);
}

int tour_hold_ms(const tour_step *s, tour_speed speed)
{
    if (speed == TOUR_MAX)
        return 0;
    switch (s->kind) {
    case TS_KEY: return s->key != TOUR_K_NONE ? 700 : 160;
    case TS_CAPTION: return caption_ms(s);
    case TS_PAUSE: return s->ms;
    case TS_CLEAR: return 300;
    case TS_LANG: return 800;
    case TS_IME:
    case TS_WAIT: return 0;
    }
    return 0;
}

void tour_player_init(tour_player *p, const tour *t, tour_speed speed, int64_t now_ms)
{
    memset(p, 0, sizeof *p);
    p->t = t;
    p->speed = speed;
    p->due_ms = now_ms;
    p->wait_since = -1;
    p->done = t->n == 0;
}

tour_out tour_player_next(tour_player *p, int64_t now_ms)
{
    tour_out o = {TOUT_NONE, NULL, -1};
    if (p->done) {
        o.kind = TOUT_DONE;
        return o;
    }
    if (p->paused && !p->step_once)
        return o;
    if (!p->step_once && now_ms < p->due_ms) {
        int64_t left = p->due_ms - now_ms;
        o.wait_ms = left > 1000000 ? 1000000 : (int)left;
        return o;
    }
    p->step_once = false;
    if (p->pc >= p->t->n) {
        p->done = true;
        o.kind = TOUT_DONE;
        return o;
    }
    const tour_step *s = &p->t->steps[p->pc];
    o.step = s;
    if (s->kind == TS_WAIT) {
        o.kind = TOUT_WAIT;
        return o;
    }
    p->pc++;
    p->due_ms = now_ms + tour_hold_ms(s, p->speed);
    o.kind = s->kind == TS_PAUSE ? TOUT_NONE : TOUT_STEP;
    if (o.kind == TOUT_NONE)
        o.wait_ms = tour_hold_ms(s, p->speed);
    return o;
}

void tour_player_answer(tour_player *p, bool found, const char *text, int64_t now_ms)
{
    if (p->done || p->pc >= p->t->n || p->t->steps[p->pc].kind != TS_WAIT)
        return;
    const tour_step *s = &p->t->steps[p->pc];
    if (found) {
        p->pc++;
        p->wait_since = -1;
        p->due_ms = now_ms;
        return;
    }
    if (p->wait_since < 0)
        p->wait_since = now_ms;
    if (now_ms - p->wait_since >= TOUR_WAIT_MS) {
        p->failed = p->done = true;
        snprintf(p->error, sizeof p->error, "%s:%d: %s \"%s\"", p->t->path, s->line,
                 _("the screen never showed"), text ? text : "");
        return;
    }
    p->due_ms = now_ms + TOUR_RETRY_MS;
}

void tour_player_pause(tour_player *p, int64_t now_ms)
{
    if (p->done)
        return;
    if (!p->paused) {
        p->held_ms = p->due_ms > now_ms ? p->due_ms - now_ms : 0;
        p->paused = true;
    } else {
        p->due_ms = now_ms + p->held_ms;
        p->paused = false;
        /* a wait-for does not count the paused time against its limit */
        if (p->wait_since >= 0)
            p->wait_since = now_ms;
    }
}

void tour_player_step(tour_player *p, int64_t now_ms)
{
    if (p->done)
        return;
    p->step_once = true;
    p->held_ms = 0;
    if (!p->paused)
        p->due_ms = now_ms;
}

void tour_player_stop(tour_player *p)
{
    p->done = p->stopped = true;
}

int tour_player_percent(const tour_player *p)
{
    if (p->t->n == 0 || (p->done && !p->stopped && !p->failed))
        return 100;
    return (int)((int64_t)p->pc * 100 / p->t->n);
}
