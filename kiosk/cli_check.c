/* `postkiosk check`: the configuration, the database (integrity_check) and
 * the printer. Exit status bits: 1 configuration, 2 database, 4 printer. */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "util.h"

enum { BAD_CONFIG = 1, BAD_DB = 2, BAD_PRINTER = 4 };

static bool check_config(cli_ctx *ctx)
{
    if (ctx->config_error) {
        printf(_("configuration: FAILED: %s\n"), ctx->config_error);
        return false;
    }
    char p[600];
    snprintf(p, sizeof p, "%.512s/procedures.csv", ctx->cfg.data_dir);
    if (access(p, R_OK) != 0) {
        printf(_("configuration: FAILED: no catalog in the data directory %s\n"), ctx->cfg.data_dir);
        return false;
    }
    printf(_("configuration: ok (%s)\n"), ctx->config_path ? ctx->config_path : _("defaults"));
    return true;
}

static bool check_db(cli_ctx *ctx)
{
    store *st = cli_store(ctx);
    if (!st) {
        printf(_("database: FAILED: cannot open %s\n"), ctx->cfg.db_path);
        return false;
    }
    char msg[256];
    pk_err e = store_check(st, true, msg, sizeof msg);
    if (e != PK_OK) {
        printf(_("database: FAILED: %s\n"), msg);
        return false;
    }
    printf(_("database: ok (%s, %d procedures, %lld dossiers)\n"), ctx->cfg.db_path,
           store_procedure_count(st), (long long)store_dossier_count(st, -1));
    return true;
}

/* TEMPORARY until printers/printer.c is merged: then printer_open() and
 * printer_status() answer this. */
static bool tcp_reachable(const char *hostport)
{
    char host[256];
    const char *colon = strrchr(hostport, ':');
    if (!colon || !str_copy(host, sizeof host, hostport) || colon == hostport)
        return false;
    host[colon - hostport] = '\0';
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res = NULL;
    if (getaddrinfo(host, colon + 1, &hints, &res) != 0)
        return false;
    bool ok = false;
    for (struct addrinfo *a = res; a && !ok; a = a->ai_next) {
        int fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0)
            continue;
        if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
            ok = true;
        } else if (errno == EINPROGRESS) {
            struct pollfd pfd = {.fd = fd, .events = POLLOUT};
            int err = 0;
            socklen_t len = sizeof err;
            ok = poll(&pfd, 1, 2000) == 1 &&
                 getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0;
        }
        close(fd);
    }
    freeaddrinfo(res);
    return ok;
}

static bool check_printer(cli_ctx *ctx)
{
    const char *spec = ctx->cfg.printer;
    bool ok;
    if (strncmp(spec, "file:", 5) == 0) {
        struct stat sb;
        ok = (stat(spec + 5, &sb) == 0 && S_ISDIR(sb.st_mode) && access(spec + 5, W_OK) == 0);
    } else if (strncmp(spec, "device:", 7) == 0) {
        ok = access(spec + 7, W_OK) == 0;
    } else if (strncmp(spec, "tcp:", 4) == 0) {
        ok = tcp_reachable(spec + 4);
    } else {
        ok = false;
    }
    if (ok)
        printf(_("printer: ok (%s)\n"), spec);
    else
        printf(_("printer: FAILED: %s is not reachable\n"), spec);
    return ok;
}

int cli_check(cli_ctx *ctx, int argc, char **argv)
{
    (void)argv;
    if (argc != 0) {
        fprintf(stderr, "%s\n", _("usage: postkiosk check"));
        return 2;
    }
    int bits = 0;
    if (!check_config(ctx))
        bits |= BAD_CONFIG;
    if (!check_db(ctx))
        bits |= BAD_DB;
    if (!check_printer(ctx))
        bits |= BAD_PRINTER;
    return bits;
}
