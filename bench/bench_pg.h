/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A PostgreSQL for one bench (bench_sync, bench_central): tests/pg.sh
 * started by a shell that waits on a pipe from the bench; when the bench
 * exits (or dies), the shell reads end of file and its EXIT trap stops the
 * server and removes its folder. Run from the repository root. */
#ifndef PK_BENCH_PG_H
#define PK_BENCH_PG_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "util.h"

/* Reads "PG_DIR PORT" that the shell holding the server wrote. */
static inline bool bench_pg_read(const char *file, char *dir, size_t dirsz, int *port)
{
    for (int i = 0; i < 1200; i++) {
        FILE *f = fopen(file, "r");
        if (f) {
            char line[600] = "";
            bool ok = fgets(line, sizeof line, f) && strchr(line, '\n');
            fclose(f);
            char d[512];
            if (ok && sscanf(line, "%511s %d", d, port) == 2) {
                str_copy(dir, dirsz, d);
                return true;
            }
        }
        usleep(100000);
    }
    return false;
}

/* Starts the server (extra_conf: postgresql.conf lines, NULL none); tmp
 * is the bench's own temporary folder. NULL when it did not start. */
static inline FILE *bench_pg_start(const char *tmp, const char *extra_conf, char *dir,
                                   size_t dirsz, int *port)
{
    char cmd[1024], info[600];
    snprintf(info, sizeof info, "%s/server", tmp);
    snprintf(cmd, sizeof cmd,
             "sh -c '. tests/pg.sh && pg_start && echo \"$PG_DIR $PG_PORT\" >%s && read x' "
             ">/dev/null",
             info);
    if (extra_conf)
        setenv("PG_CONF_EXTRA", extra_conf, 1);
    FILE *server = popen(cmd, "w");
    if (!server)
        return NULL;
    if (!bench_pg_read(info, dir, dirsz, port)) {
        pclose(server);
        return NULL;
    }
    return server;
}

/* The bench's folder (the server's is inside): removed when the bench
 * fails, too. */
static char bench_pg_tmp[64];

static inline void bench_pg_remove(void)
{
    if (!bench_pg_tmp[0])
        return;
    char rm[128];
    snprintf(rm, sizeof rm, "rm -rf '%s'", bench_pg_tmp);
    if (system(rm) != 0)
        fprintf(stderr, "bench: %s left behind\n", bench_pg_tmp);
    bench_pg_tmp[0] = '\0';
}

/* A failure of bench `bench`: what went wrong, the folder removed, exit 1
 * (the server stops with the pipe). */
_Noreturn static inline void bench_pg_fail(const char *bench, const char *what, const char *why)
{
    fprintf(stderr, "%s: %s: %s\n", bench, what, why);
    bench_pg_remove();
    exit(1);
}

/* A folder of its own for bench `name` and a server in it; the server's
 * socket folder and port in dir and port. Fails the bench when it does
 * not start. */
static inline FILE *bench_pg_up(const char *name, const char *extra_conf, char *dir, size_t dirsz,
                                int *port)
{
    bench_tmpdir(name, bench_pg_tmp, sizeof bench_pg_tmp);
    FILE *server = bench_pg_start(bench_pg_tmp, extra_conf, dir, dirsz, port);
    if (!server)
        bench_pg_fail(name, "postgres", "did not start (run from the repository root)");
    return server;
}

/* Stops the server (the shell's trap) and removes the bench's folder. */
static inline void bench_pg_down(FILE *server)
{
    if (server)
        pclose(server);
    bench_pg_remove();
}

#endif
