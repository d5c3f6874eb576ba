/* SPDX-License-Identifier: GPL-3.0-or-later */
/* RFC 4180 CSV reader (see csv.h). */
#include "csv.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "text.h"
#include "util.h"

enum { MAX_FIELDS = 64, WINDOW = 64 << 10 };

/* The file is read through a fixed window (memory stays bounded whatever
 * its size); a file opened from memory is one window holding it all. */
struct csv {
    char *name;
    FILE *f;           /* NULL: from memory, or the file is read to its end */
    char *data;        /* the window */
    size_t len, pos;   /* bytes in the window, next byte to read */
    size_t base;       /* file offset of the window */
    size_t line_start; /* file offset where the current physical line starts */
    int line;          /* current physical line */
    int rec_line;      /* line where the last record started */
    bool read_error;
    int64_t size;      /* of the file, for the watch */
    csv_watch watch;
    char *fields[MAX_FIELDS];
    int nfields;
    sbuf cur;
};

/* At least k bytes from pos in the window, unless the file ends first. */
static void fill(csv *c, size_t k)
{
    if (!c->f || c->len - c->pos >= k)
        return;
    memmove(c->data, c->data + c->pos, c->len - c->pos);
    c->len -= c->pos;
    c->base += c->pos;
    c->pos = 0;
    while (c->f && c->len < WINDOW) {
        size_t r = fread(c->data + c->len, 1, WINDOW - c->len, c->f);
        c->len += r;
        if (r == 0) {
            c->read_error = ferror(c->f);
            fclose(c->f);
            c->f = NULL;
        }
    }
    if (c->watch.fn)
        c->watch.fn((int64_t)(c->base + c->len), c->size, c->watch.arg);
    c->data[c->len] = '\0';
}

static csv *make(const char *name, FILE *f, char *data, size_t len)
{
    csv *c = xcalloc(1, sizeof *c);
    c->name = xstrdup(name);
    c->f = f;
    c->data = data;
    c->len = len;
    c->line = 1;
    fill(c, 3);
    if (c->len >= 3 && memcmp(c->data, "\xEF\xBB\xBF", 3) == 0)
        c->pos = 3;   /* byte-order mark */
    return c;
}

csv *csv_open_mem(const char *name, const char *data, size_t len)
{
    char *copy = xmalloc(len + 1);
    memcpy(copy, data, len);
    copy[len] = '\0';
    return make(name, NULL, copy, len);
}

csv *csv_open_file(const char *path, char *err, size_t errsz)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errsz, "%s: %s", path, strerror(errno));
        return NULL;
    }
    /* the size first: a file too large is refused before it is read (a
     * pipe or device has no size to check: refused too) */
    struct stat sb;
    const char *why = NULL;
    if (fstat(fileno(f), &sb) != 0)
        why = strerror(errno);
    else if (!S_ISREG(sb.st_mode))
        why = _("not a regular file");
    if (why || sb.st_size > CSV_MAX_FILE) {
        if (why)
            snprintf(err, errsz, "%s: %s", path, why);
        else
            snprintf(err, errsz, _("%s: the file is larger than %d MiB"), path, CSV_MAX_FILE >> 20);
        fclose(f);
        errno = EFBIG;
        return NULL;
    }
    csv *c = make(path, f, xmalloc(WINDOW + 1), 0);
    c->size = (int64_t)sb.st_size;
    return c;
}

void csv_set_watch(csv *c, const csv_watch *w)
{
    c->watch = w ? *w : (csv_watch){0};
    if (c->watch.fn)   /* what the first window already read */
        c->watch.fn((int64_t)(c->base + c->len), c->size, c->watch.arg);
}

void csv_close(csv *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->nfields; i++)
        free(c->fields[i]);
    sbuf_free(&c->cur);
    if (c->f)
        fclose(c->f);
    free(c->name);
    free(c->data);
    free(c);
}

int csv_line(const csv *c)
{
    return c->rec_line;
}

const char *csv_name(const csv *c)
{
    return c->name;
}

static void clear_fields(csv *c)
{
    for (int i = 0; i < c->nfields; i++)
        free(c->fields[i]);
    c->nfields = 0;
}

static int error(csv *c, int line, char *err, size_t errsz, const char *reason)
{
    snprintf(err, errsz, "%s:%d: %s", c->name, line, reason);
    clear_fields(c);
    return -1;
}

/* Ends the current field: validates and stores it in NFC. */
static int end_field(csv *c, int line, char *err, size_t errsz)
{
    if (c->nfields == MAX_FIELDS)
        return error(c, line, err, errsz, _("too many fields"));
    const char *v = c->cur.data ? c->cur.data : "";
    char *n = text_nfc(v);
    if (!n)
        return error(c, line, err, errsz, _("invalid UTF-8"));
    c->fields[c->nfields++] = n;
    c->cur.len = 0;
    if (c->cur.data)
        c->cur.data[0] = '\0';
    return 0;
}

/* The byte at p starts a control character that is not allowed in a
 * value (C0 except line breaks inside quotes, DEL, C1). */
static bool bad_control(const unsigned char *p, bool quoted)
{
    if (*p == '\n' || *p == '\r')
        return !quoted;
    return *p < 0x20 || *p == 0x7F || (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F);
}

/* Just past a line break. */
static void new_line(csv *c)
{
    c->line++;
    c->line_start = c->base + c->pos;
}

int csv_next(csv *c, char ***fields, int *n, char *err, size_t errsz)
{
    clear_fields(c);
    c->cur.len = 0;
    /* skip blank lines */
    for (;;) {
        fill(c, 2);
        if (c->pos >= c->len)
            return c->read_error ? error(c, c->line, err, errsz, _("cannot read the file")) : 0;
        if (c->data[c->pos] == '\n') {
            c->pos++;
            new_line(c);
        } else if (c->data[c->pos] == '\r' && c->pos + 1 < c->len && c->data[c->pos + 1] == '\n') {
            c->pos += 2;
            new_line(c);
        } else {
            break;
        }
    }
    c->rec_line = c->line;
    const unsigned char *d = (const unsigned char *)c->data;
    bool quoted = false, was_quoted = false;
    int qline = 0;
    for (;;) {
        fill(c, 4);   /* the longest look-ahead: one UTF-8 character */
        if (c->base + c->pos - c->line_start > CSV_MAX_LINE)
            return error(c, c->line, err, errsz, _("a line longer than 65536 bytes"));
        if (c->cur.len > CSV_MAX_LINE)
            return error(c, c->line, err, errsz, _("a field longer than 65536 bytes"));
        if (c->pos >= c->len && c->read_error)
            return error(c, c->line, err, errsz, _("cannot read the file"));
        if (c->pos >= c->len) {
            if (quoted)
                return error(c, qline, err, errsz, _("a quoted field is never closed"));
            if (end_field(c, c->line, err, errsz) < 0)
                return -1;
            break;
        }
        unsigned char ch = d[c->pos];
        if (quoted) {
            if (ch == '"') {
                if (c->pos + 1 < c->len && d[c->pos + 1] == '"') {
                    sbuf_addn(&c->cur, "\"", 1);
                    c->pos += 2;
                    continue;
                }
                quoted = false;
                c->pos++;
                /* after a closing quote: a comma or the end of the record */
                if (c->pos < c->len && d[c->pos] != ',' && d[c->pos] != '\n' && d[c->pos] != '\r')
                    return error(c, c->line, err, errsz, _("text after a closing quote"));
                continue;
            }
        } else if (ch == ',') {
            if (end_field(c, c->line, err, errsz) < 0)
                return -1;
            was_quoted = false;
            c->pos++;
            continue;
        } else if (ch == '\n' || ch == '\r') {
            if (ch == '\r' && (c->pos + 1 >= c->len || d[c->pos + 1] != '\n'))
                return error(c, c->line, err, errsz, _("a carriage return without a line feed"));
            c->pos += ch == '\r' ? 2 : 1;
            if (end_field(c, c->line, err, errsz) < 0)
                return -1;
            new_line(c);
            break;
        } else if (ch == '"') {
            if (c->cur.len > 0 || was_quoted)
                return error(c, c->line, err, errsz, _("a double quote inside an unquoted field"));
            quoted = was_quoted = true;
            qline = c->line;
            c->pos++;
            continue;
        }
        /* one UTF-8 character, validated */
        if (bad_control(d + c->pos, quoted))
            return error(c, c->line, err, errsz, _("control character"));
        size_t clen = ch < 0x80 ? 1 : ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : 2;
        if (ch >= 0x80 && (ch < 0xC2 || ch > 0xF4 || c->pos + clen > c->len ||
                           !text_valid_utf8(c->data + c->pos, clen)))
            return error(c, c->line, err, errsz, _("invalid UTF-8"));
        if (ch == '\r' && quoted) {   /* CRLF inside quotes: keep one line break */
            c->pos++;
            continue;
        }
        sbuf_addn(&c->cur, c->data + c->pos, clen);
        c->pos += clen;
        if (ch == '\n')
            new_line(c);
    }
    *fields = c->fields;
    *n = c->nfields;
    return 1;
}

/* ---- writing ----------------------------------------------------------- */

bool csv_formula_lead(const char *s)
{
    return s && s[0] && strchr("=+-@\t\r", s[0]);
}

void csv_put_field(sbuf *out, const char *s)
{
    if (!s)
        s = "";
    bool formula = csv_formula_lead(s);
    if (!formula && !strpbrk(s, ",\"\r\n")) {
        sbuf_add(out, s);
        return;
    }
    /* "'=..." : spreadsheets show the text and run nothing */
    sbuf_addn(out, formula ? "\"'" : "\"", formula ? 2 : 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            sbuf_addn(out, "\"", 1);
        sbuf_addn(out, p, 1);
    }
    sbuf_addn(out, "\"", 1);
}
