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

/* Stops the server (the shell's trap) and removes tmp. */
static inline void bench_pg_stop(FILE *server, const char *tmp)
{
    if (server)
        pclose(server);
    char rm[700];
    snprintf(rm, sizeof rm, "rm -rf '%s'", tmp);
    if (system(rm) != 0)
        fprintf(stderr, "bench: %s left behind\n", tmp);
}

#endif
