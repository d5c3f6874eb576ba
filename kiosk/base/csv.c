/* RFC 4180 CSV reader (see csv.h). */
#include "csv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "util.h"

enum { MAX_FILE = 64 << 20, MAX_FIELDS = 64 };

struct csv {
    char *name;
    char *data;
    size_t len, pos;
    int line;          /* current physical line */
    int rec_line;      /* line where the last record started */
    char *fields[MAX_FIELDS];
    int nfields;
    sbuf cur;
};

static csv *make(const char *name, char *data, size_t len)
{
    csv *c = xcalloc(1, sizeof *c);
    c->name = xstrdup(name);
    c->data = data;
    c->len = len;
    c->line = 1;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        c->pos = 3;   /* byte-order mark */
    return c;
}

csv *csv_open_mem(const char *name, const char *data, size_t len)
{
    char *copy = xmalloc(len + 1);
    memcpy(copy, data, len);
    copy[len] = '\0';
    return make(name, copy, len);
}

csv *csv_open_file(const char *path, char *err, size_t errsz)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errsz, "%s: %s", path, strerror(errno));
        return NULL;
    }
    sbuf b = {0};
    char chunk[65536];
    size_t r;
    while ((r = fread(chunk, 1, sizeof chunk, f)) > 0) {
        sbuf_addn(&b, chunk, r);
        if (b.len > MAX_FILE)
            break;
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad || b.len > MAX_FILE) {
        snprintf(err, errsz, "%s: %s", path, bad ? _("cannot read the file") : _("file too large"));
        sbuf_free(&b);
        return NULL;
    }
    if (!b.data)
        b.data = xstrdup("");
    return make(path, b.data, b.len);
}

void csv_close(csv *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->nfields; i++)
        free(c->fields[i]);
    sbuf_free(&c->cur);
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

int csv_next(csv *c, char ***fields, int *n, char *err, size_t errsz)
{
    clear_fields(c);
    c->cur.len = 0;
    /* skip blank lines */
    for (;;) {
        if (c->pos >= c->len)
            return 0;
        if (c->data[c->pos] == '\n') {
            c->pos++;
            c->line++;
        } else if (c->data[c->pos] == '\r' && c->pos + 1 < c->len && c->data[c->pos + 1] == '\n') {
            c->pos += 2;
            c->line++;
        } else {
            break;
        }
    }
    c->rec_line = c->line;
    const unsigned char *d = (const unsigned char *)c->data;
    bool quoted = false, was_quoted = false;
    int qline = 0;
    for (;;) {
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
            c->line++;
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
        if (ch == '\n')
            c->line++;
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
