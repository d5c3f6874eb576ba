/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SMS through a GSM modem and smstools' spool
 * (a file per message in its outgoing folder; smsd moves it to sent/ or
 * failed/). */
#include "notify_send.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "config.h"
#include "i18n.h"
#include "notify_text.h"
#include "util.h"

/* ---- smstools spool ------------------------------------------------------- */

static void spool_name(const char *dir, int64_t id, const char *prefix, char *out, size_t outsz)
{
    snprintf(out, outsz, "%.500s/%spostkiosk-%lld", dir, prefix, (long long)id);
}

/* UTF-8 -> UCS-2 big-endian; false for a character beyond the BMP */
static bool to_ucs2(const char *text, unsigned char *out, size_t outsz, size_t *n)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(text);
    *n = 0;
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
        if (k <= 0 || cp > 0xFFFF || *n + 2 > outsz)
            return false;
        out[(*n)++] = (unsigned char)(cp >> 8);
        out[(*n)++] = (unsigned char)(cp & 0xFF);
        p += k;
        left -= k;
    }
    return true;
}

notify_outcome notify_smstools_write(const notify_config *nc, int64_t id, const char *to_intl,
                                     const char *text, char *reason, size_t reasonsz)
{
    unsigned char buf[1024];
    size_t n = 0;
    bool ucs2;
    sms_segments(text, &ucs2);
    int h = snprintf((char *)buf, sizeof buf, "To: %s\n%s\n", to_intl, ucs2 ? "Alphabet: UCS2\n" : "");
    if (h < 0 || (size_t)h >= sizeof buf) {
        snprintf(reason, reasonsz, "%s", _("the message is too long"));
        return NOTIFY_FATAL;
    }
    n = (size_t)h;
    if (ucs2) {
        size_t k;
        if (!to_ucs2(text, buf + n, sizeof buf - n, &k)) {
            snprintf(reason, reasonsz, "%s", _("the message is too long"));
            return NOTIFY_FATAL;
        }
        n += k;
    } else {
        size_t k = strlen(text);
        if (n + k > sizeof buf) {
            snprintf(reason, reasonsz, "%s", _("the message is too long"));
            return NOTIFY_FATAL;
        }
        memcpy(buf + n, text, k);
        n += k;
    }
    char tmp[600], final[600];
    spool_name(nc->smstools_outgoing, id, ".", tmp, sizeof tmp);
    spool_name(nc->smstools_outgoing, id, "", final, sizeof final);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    bool ok = fd >= 0;
    if (ok)
        ok = write(fd, buf, n) == (ssize_t)n && fsync(fd) == 0;
    if (fd >= 0)
        ok = close(fd) == 0 && ok;
    /* the same name for every attempt of this row: a retry replaces a file
     * smsd has not taken, it never adds a second one */
    if (ok)
        ok = rename(tmp, final) == 0 && config_fsync_dir(nc->smstools_outgoing);
    mem_wipe(buf, sizeof buf);
    if (!ok) {
        snprintf(reason, reasonsz, "smstools: %s", strerror(errno));
        unlink(tmp);
        return NOTIFY_FAILED;
    }
    return NOTIFY_HANDED;
}

/* The "Fail_reason:" header of a failed spool file, printable ASCII. */
static void fail_reason(const char *path, char *out, size_t outsz)
{
    snprintf(out, outsz, "smstools: failed");
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[256];
    while (fgets(line, sizeof line, f) && line[0] != '\n') {
        if (strncmp(line, "Fail_reason:", 12) != 0)
            continue;
        char *v = line + 12;
        while (*v == ' ')
            v++;
        for (char *c = v; *c; c++)
            if (*c < 0x20 || *c > 0x7E)
                *c = *c == '\n' ? '\0' : '?';
        snprintf(out, outsz, "smstools: %.120s", v);
        break;
    }
    fclose(f);
}

int notify_smstools_poll(store *db, const notify_config *nc, int64_t now)
{
    notify_msg rows[64];
    int nrows = 0, changed = 0;
    if (store_notify_handed(db, rows, (int)PK_ARRAY_LEN(rows), &nrows) != PK_OK)
        return -1;
    for (int i = 0; i < nrows; i++) {
        char sent[600], failed[600], why[160];
        spool_name(nc->smstools_sent, rows[i].id, "", sent, sizeof sent);
        spool_name(nc->smstools_failed, rows[i].id, "", failed, sizeof failed);
        pk_err e = PK_OK;
        bool seen = true;
        if (access(sent, F_OK) == 0) {
            e = store_notify_spooled(db, rows[i].id, NOTIFY_SENT, NULL, now);
            /* the file holds the phone number: the outbox says enough */
            if (e == PK_OK)
                unlink(sent);
        } else if (access(failed, F_OK) == 0) {
            fail_reason(failed, why, sizeof why);
            e = store_notify_spooled(db, rows[i].id, NOTIFY_FAILED, why, now);
            if (e == PK_OK)
                unlink(failed);
        } else {
            seen = false;
        }
        if (e != PK_OK && e != PK_ESTATE) {
            mem_wipe(rows, sizeof rows);
            return -1;
        }
        changed += seen && e == PK_OK;
    }
    mem_wipe(rows, sizeof rows);
    return changed;
}
