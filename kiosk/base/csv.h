/* SPDX-License-Identifier: GPL-3.0-or-later */
/* RFC 4180 CSV reader: UTF-8 with or without BOM, quoted fields with
 * commas, quotes and line breaks, CRLF or LF. Invalid UTF-8 and control
 * characters (other than line breaks inside quotes) are errors; values come
 * out in NFC. Errors read "file:line: reason". */
#ifndef PK_CSV_H
#define PK_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

typedef struct csv csv;

/* Limits: a file of more than CSV_MAX_FILE bytes is refused from its size
 * before it is read; a physical line or a field of more than CSV_MAX_LINE
 * bytes, or more than 64 fields in a record, is an error at its line. */
enum { CSV_MAX_FILE = 16 << 20, CSV_MAX_LINE = 64 << 10 };

/* Opens a file to read it record by record through a 64 KiB window
 * (memory stays bounded). NULL and err on failure (errno ENOENT when it
 * does not exist, EFBIG when too large). */
csv *csv_open_file(const char *path, char *err, size_t errsz);
/* Parses a copy of data[len]; name is used in messages. */
csv *csv_open_mem(const char *name, const char *data, size_t len);
void csv_close(csv *c);

/* Next record: 1 = fields and n filled (valid until the next call; blank
 * lines are skipped), 0 = end of file, -1 = error (err filled). */
int csv_next(csv *c, char ***fields, int *n, char *err, size_t errsz);
/* Physical line on which the last record started (1-based). */
int csv_line(const csv *c);
const char *csv_name(const csv *c);

/* Reading progress for a long file (issue 17 item 9): fn(bytes read, file
 * size, arg) each time the window is refilled and once at the end. The
 * shape of progress_cb and store_progress_fn, so a progress line can watch
 * the reading and then the storing. A reader from memory never calls it. */
typedef struct {
    void (*fn)(int64_t done, int64_t total, void *arg);
    void *arg;
} csv_watch;
void csv_set_watch(csv *c, const csv_watch *w);   /* w NULL: no watch */

/* Writing: the one CSV field writer of the program (every CSV file it
 * writes goes through it). RFC 4180 quoting for a comma, quote or line
 * end; and, after the OWASP CSV injection guidance, a value a spreadsheet
 * would run as a formula (csv_formula_lead) is written as text: a single
 * quote before it, inside a quoted field. */
void csv_put_field(sbuf *out, const char *s);
/* s starts with = + - @ TAB or CR (a spreadsheet formula). */
bool csv_formula_lead(const char *s);

#endif
