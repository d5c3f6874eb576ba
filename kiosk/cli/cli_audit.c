/* `postkiosk audit verify [--expect-head HEX]`: walks the audit chain from
 * seq 1 and every dossier event. Exit 0 when intact (prints the head to
 * anchor off the box), 3 with the first bad seq when not, 1 on errors. */
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli_clerk.h"
#include "store_clerk.h"
#include "util.h"

void cli_actor(char *out, size_t outsz)
{
    struct passwd *pw = getpwuid(getuid());
    snprintf(out, outsz, "cli:%.40s", pw && pw->pw_name ? pw->pw_name : "?");
}

int cli_audit(cli_ctx *ctx, int argc, char **argv)
{
    const char *expect = NULL;
    if (argc < 1 || strcmp(argv[0], "verify") != 0) {
        fprintf(stderr, "usage: postkiosk audit verify [--expect-head HEX]\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--expect-head") == 0 && i + 1 < argc) {
            expect = argv[++i];
        } else {
            fprintf(stderr, "usage: postkiosk audit verify [--expect-head HEX]\n");
            return 2;
        }
    }
    store *db = cli_store(ctx);
    if (!db)
        return 1;
    audit_check r;
    pk_err e = store_audit_verify(db, &r);
    if (e == PK_OK && expect && strcmp(expect, r.head_hex) != 0) {
        r.fault = AUDIT_HEAD;
        r.bad_seq = r.head_seq;
        e = PK_ETAMPER;
    }
    if (e == PK_OK) {
        printf("audit: intact, %" PRId64 " entries, %" PRId64 " events, head %" PRId64 " %s\n",
               r.count, r.events, r.head_seq, r.head_hex);
        return 0;
    }
    if (e != PK_ETAMPER) {
        fprintf(stderr, "postkiosk: audit verify: %s\n", pk_err_msg(e));
        return 1;
    }
    printf("audit: FAILED at seq %" PRId64, r.bad_seq);
    if (r.bad_event)
        printf(" (event %" PRId64 ")", r.bad_event);
    printf(": %s\n", audit_fault_msg(r.fault));
    return 3;
}
