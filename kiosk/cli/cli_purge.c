/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk purge --older-than 5y --as SUPERVISOR [--yes]`: erases the
 * personal data of dossiers closed before the retention period (TT 17/2017
 * Đ.14.3: five years for electronic records), keeping the anonymous facts
 * that the reports count. A period shorter than the legal one ([purge]
 * min_years, default 5) is refused; a supervisor signs in (the audit row
 * names them). Asks for confirmation unless --yes. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_clerk.h"
#include "dates.h"
#include "i18n.h"
#include "progress.h"
#include "report.h"
#include "store_clerk.h"
#include "util.h"

static int usage(void)
{
    fprintf(stderr, "%s\n",
            _("usage: postkiosk purge --older-than AGE --as SUPERVISOR [--yes]   (AGE: 5y, 18m, 400d)"));
    return 2;
}

int cli_purge(cli_ctx *ctx, int argc, char **argv)
{
    const char *age = NULL, *as = NULL;
    bool yes = false;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--older-than") == 0 && i + 1 < argc)
            age = argv[++i];
        else if (strcmp(argv[i], "--as") == 0 && i + 1 < argc)
            as = argv[++i];
        else if (strcmp(argv[i], "--yes") == 0)
            yes = true;
        else
            return usage();
    }
    int days = 0;
    if (!age || !report_parse_age(age, &days))
        return usage();
    /* the law keeps electronic records this long: never less */
    int min_years = ctx->cfg.purge_min_years > 0 ? ctx->cfg.purge_min_years : 5, min_days;
    char min_age[16];
    snprintf(min_age, sizeof min_age, "%dy", min_years);
    if (!report_parse_age(min_age, &min_days) || days < min_days) {
        fprintf(stderr,
                ngettext("postkiosk: purge: refused: records are kept at least %d year "
                         "(TT 17/2017 Art. 14.3; [purge] min_years)\n",
                         "postkiosk: purge: refused: records are kept at least %d years "
                         "(TT 17/2017 Art. 14.3; [purge] min_years)\n",
                         (unsigned long)min_years),
                min_years);
        return 1;
    }
    store *db = cli_store(ctx);
    if (!db)
        return 1;
    char before[PK_DATE_MAX], actor[64];
    {
        auth_ctx a;
        clerk_session sess = {0};
        if (cli_auth_load(ctx, &a) != PK_OK)
            return 1;
        bool ok = cli_supervisor(db, &a, as, &sess);
        auth_wipe(&a);
        if (!ok)
            return 1;
        str_copy(actor, sizeof actor, sess.id);
        auth_session_end(&sess);
    }
    time_t now = time(NULL);
    date_format(date_local_day((int64_t)now) - days, before);
    int64_t n = 0;
    pk_err e = store_purge(db, before, true, actor, (int64_t)now, &n);
    if (e != PK_OK) {
        cli_fail("postkiosk: purge: %s\n", _(pk_err_msg(e)));
        return 1;
    }
    if (n == 0) {
        printf(_("purge: no closed dossier before %s holds personal data\n"), before);
        return 0;
    }
    if (!yes) {
        if (!isatty(STDIN_FILENO)) {
            fprintf(stderr,
                    ngettext("postkiosk: purge: %lld dossier would be purged; add --yes to confirm "
                             "without a terminal\n",
                             "postkiosk: purge: %lld dossiers would be purged; add --yes to confirm "
                             "without a terminal\n",
                             (unsigned long)n),
                    (long long)n);
            return 1;
        }
        /* TRANSLATORS: the answer stays the English word "yes" */
        fprintf(stderr,
                ngettext("Erase the personal data of %lld dossier closed before %s? This cannot be "
                         "undone. Type yes: ",
                         "Erase the personal data of %lld dossiers closed before %s? This cannot be "
                         "undone. Type yes: ",
                         (unsigned long)n),
                (long long)n, before);
        char answer[16] = "";
        if (!fgets(answer, sizeof answer, stdin) || strcmp(answer, "yes\n") != 0) {
            fprintf(stderr, "%s", _("purge: nothing changed\n"));
            return 1;
        }
    }
    progress pr;
    progress_begin(&pr, _("purge"), n);
    store_set_progress(db, progress_cb, &pr);
    e = store_purge(db, before, false, actor, (int64_t)now, &n);
    store_set_progress(db, NULL, NULL);
    if (pr.shown)
        progress_end(&pr, pr.total);
    if (e != PK_OK) {
        cli_fail("postkiosk: purge: %s\n", _(pk_err_msg(e)));
        return 1;
    }
    log_info("purge: personal data of %lld dossiers closed before %s erased", (long long)n, before);
    printf(ngettext("purge: personal data of %lld dossier closed before %s erased\n",
                    "purge: personal data of %lld dossiers closed before %s erased\n", (unsigned long)n),
           (long long)n, before);
    return 0;
}
