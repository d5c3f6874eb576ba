/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The handover record through the papers (printers/papers/): the A4 PDF
 * saved under <home>/papers/, recorded on the handover, printed on the A4
 * printer or else the receipt printer, the outcome on a print job row so
 * that a failed print can be retried from the print jobs screen. */
#include "handover.h"

#include <string.h>

#include "paper.h"
#include "receipt.h"
#include "store_clerk.h"
#include "util.h"

/* Prints (or re-prints) the record; msg gets the route's msgid. */
static pk_err issue(store *s, printer *p, const config *cfg, const char *no, int64_t job_id,
                    char *path, size_t pathsz, char *msg, size_t msgsz)
{
    paper_request rq = {.kind = PAPER_HANDOVER, .key = no};
    paper_result r;
    pk_err e = paper_issue(s, p, cfg, &rq, &r);
    if (e != PK_OK) {
        str_copy(msg, msgsz, pk_err_msg(e));
        store_job_set(s, job_id, JOB_FAILED, pk_err_msg(e));
        return e;
    }
    if (path)
        str_copy(path, pathsz, r.path);
    str_copy(msg, msgsz, paper_route_msg(&r));
    bool printed = r.route != PAPER_TO_FILE;
    receipt_job_record(s, job_id, printed ? PK_OK : PK_EPRINTER, printed ? "" : msg);
    return printed ? PK_OK : PK_EPRINTER;
}

pk_err handover_print(store *s, printer *p, const config *cfg, const char *no, int64_t job_id,
                      char *msg, size_t msgsz)
{
    return issue(s, p, cfg, no, job_id, NULL, 0, msg, msgsz);
}

pk_err handover_output(store *s, printer *p, const config *cfg, const char *no, char *path,
                       size_t pathsz, char *msg, size_t msgsz)
{
    if (msg && msgsz)
        msg[0] = '\0';
    paper_request rq = {.kind = PAPER_HANDOVER, .key = no};
    paper_result r;
    /* the file first: it is the record, whatever the printers do */
    pk_err e = paper_save(s, cfg, &rq, &r);
    if (e == PK_OK)
        e = store_handover_set_file(s, no, r.path);
    if (e != PK_OK)
        return e;
    str_copy(path, pathsz, r.path);
    int64_t job = 0;
    e = store_job_create(s, no, "handover", &job);
    if (e != PK_OK)
        return e;
    return issue(s, p, cfg, no, job, path, pathsz, msg, msgsz);
}
