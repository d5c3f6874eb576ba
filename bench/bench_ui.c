/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `make bench`: the screens at N dossiers (bench_ui [N], default
 * 1,000,000; 0 works), against the targets of issue 18:
 *   - keystroke to finished frame (the key handled, a full redraw, the
 *     curses update) on the citizen's search screen (search as you type),
 *     the Track screen (a number typed, looked up, the last 4 digits) and
 *     the clerk queue (search as you type): p99 <= 1 ms, beside the floor
 *     of a bare ncurses full redraw of the same terminal
 *   - start-up of the real binary on a pseudo-terminal (exec to the first
 *     frame): < 100 ms at any size, and its peak memory: < 16 MB
 *   - the idle check of the whole file: one pass, and how soon a stop ends
 *     its thread (figures only)
 * Keystrokes print the wall p99 and the thread's CPU p99 (bench.h).
 * Headless terminal (ncurses on /dev/null, 80x24). The database is
 * generated once and kept in $BUILD (bench.h); the screens run on a copy.
 * Prints table rows for scripts/bench.sh. */
#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "auth.h"
#include "bench.h"
#include "clerk.h"
#include "citizen.h"
#include "config.h"
#include "i18n.h"
#include "printer.h"
#include "store.h"
#include "store_check.h"
#include "term.h"
#include "util.h"

typedef struct {
    config cfg;
    store *db;
    printer *pr;
    citizen cz;
    clerk_ui ui;
    app a;
} kiosk;

/* Everything cli_kiosk does before the loop, headless, up to the first frame. */
static double start_kiosk(kiosk *k, const char *db, const char *spec, bool clerk)
{
    double t0 = bench_now_ms();
    char msg[256];
    const char *bd = getenv("BUILD");
    char locale[512];
    snprintf(locale, sizeof locale, "%s/locale", bd && *bd ? bd : "build");
    i18n_init(locale);
    i18n_set_lang("vi");
    if (store_open(db, &k->db, msg, sizeof msg) != PK_OK)
        die("store: %s", msg);
    if (printer_open(spec, "58mm", &k->pr, msg, sizeof msg) != PK_OK)
        die("printer: %s", msg);
    if (!term_init_headless(24, 80))
        die("terminal");
    app_init(&k->a, &k->cfg, k->db, k->pr);
    if (clerk) {
        clerk_attach(&k->a, &k->ui);
        app_start(&k->a, &screen_clerk_signin);
    } else {
        citizen_attach(&k->a, &k->cz);
        app_start(&k->a, &screen_welcome);
    }
    app_render(&k->a);
    return bench_now_ms() - t0;
}

static void stop_kiosk(kiosk *k)
{
    app_free(&k->a);
    auth_wipe(&k->ui.auth);
    term_end();
    printer_close(k->pr);
    store_close(k->db);
}

static void key(kiosk *k, term_input in)
{
    app_input(&k->a, &in);
    if (k->a.dirty)
        app_render(&k->a);
}

static void key_char(kiosk *k, uint32_t cp)
{
    key(k, (term_input){.kind = TI_CHAR, .cp = cp});
}

static void key_special(kiosk *k, term_key tk)
{
    key(k, (term_input){.kind = TI_KEY, .key = tk});
}

static void type(kiosk *k, const char *s)
{
    for (; *s; s++)
        key_char(k, (uint32_t)(unsigned char)*s);
}

/* Keystroke latencies, wall and the thread's CPU time: growing arrays. */
typedef struct {
    double *v, *cpu;
    int n, cap;
} lat;

static void timed_char(kiosk *k, lat *l, uint32_t cp, bool special)
{
    double a = bench_now_ms(), c = bench_cpu_ms();
    if (special)
        key_special(k, (term_key)cp);
    else
        key_char(k, cp);
    double dt = bench_now_ms() - a, dc = bench_cpu_ms() - c;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 1024;
        l->v = xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
        l->cpu = xrealloc(l->cpu, (size_t)l->cap * sizeof *l->cpu);
    }
    l->cpu[l->n] = dc;
    l->v[l->n++] = dt;
}

static void timed_type(kiosk *k, lat *l, const char *s)
{
    for (; *s; s++)
        timed_char(k, l, (uint32_t)(unsigned char)*s, false);
}

/* The kiosk's own peak resident memory (VmHWM, kB), -1 when unreadable.
 * Not the child's ru_maxrss: Linux keeps the high-water mark of the image
 * a child had before exec, which here is a copy of this bench (its screens
 * and their databases), larger than the kiosk itself. */
static long vm_hwm(pid_t pid)
{
    char path[64], line[128];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
            break;
    if (f)
        fclose(f);
    return kb;
}

/* The real program on a pseudo-terminal: ms from fork to the moment its
 * first frame (the hint bar's "F4") has been written, -1 on failure; its
 * peak resident memory up to that frame in *rss_kb (vm_hwm). Stopped by
 * stop_signal: SIGTERM is a clean end, SIGKILL one that makes the next
 * start read every page. */
static double binary_startup(const char *db, const char *home, long *rss_kb, int stop_signal)
{
    *rss_kb = 0;
    const char *build = getenv("BUILD") && *getenv("BUILD") ? getenv("BUILD") : "build";
    char bin[256], datadir[512], cwd[400];
    snprintf(bin, sizeof bin, "%s/postkiosk", build);
    if (!getcwd(cwd, sizeof cwd) || access(bin, X_OK) != 0)
        return -1;
    snprintf(datadir, sizeof datadir, "%s/data", cwd);
    struct winsize ws = {.ws_row = 24, .ws_col = 80};
    int fd;
    double t0 = bench_now_ms();
    pid_t pid = forkpty(&fd, NULL, NULL, &ws);
    if (pid < 0)
        return -1;
    if (pid == 0) {
        setenv("TERM", "xterm-256color", 1);
        setenv("LANG", "C.UTF-8", 1);
        setenv("POSTKIOSK_HOME", home, 1);
        setenv("POSTKIOSK_DATADIR", datadir, 1);
        execl(bin, bin, "--db", db, (char *)NULL);
        _exit(127);
    }
    char buf[8192];
    size_t have = 0;
    double t = -1;
    while (bench_now_ms() - t0 < 60000) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, 100) <= 0)
            continue;
        ssize_t n = read(fd, buf + have, sizeof buf - 1 - have);
        if (n <= 0 && errno != EINTR)
            break;
        if (n > 0)
            have += (size_t)n;
        buf[have] = '\0';
        if (strstr(buf, "F4")) {
            t = bench_now_ms() - t0;
            *rss_kb = vm_hwm(pid);
            break;
        }
        if (have > sizeof buf / 2) {      /* keep the tail only */
            memmove(buf, buf + have - 16, 16);
            have = 16;
        }
    }
    kill(pid, stop_signal);
    int wstatus;
    struct rusage ru;
    pid_t done = 0;
    for (int i = 0; i < 100 && (done = wait4(pid, &wstatus, WNOHANG, &ru)) == 0; i++) {
        char junk[4096];
        if (read(fd, junk, sizeof junk) < 0 && errno != EAGAIN && errno != EINTR)
            usleep(10000);
    }
    if (done == 0) {
        kill(pid, SIGKILL);
        done = wait4(pid, &wstatus, 0, &ru);
    }
    if (done == pid && *rss_kb <= 0)
        *rss_kb = ru.ru_maxrss;   /* no /proc: counts the bench's own pages too */
    close(fd);
    return t;
}


/* The floor: a bare ncurses full redraw of the same 80x24 terminal, every
 * cell written (two Vietnamese texts in turn, so that every frame
 * differs) and the update sent; p99 of n frames. */
static double ncurses_floor(int n)
{
    static const char *const text[2] = {
        "Đăng ký khai sinh cho trẻ em dưới 6 tuổi - Hộ tịch - UBND cấp xã - Lạng Sơn ",
        "Cấp phiếu lý lịch tư pháp có yếu tố nước ngoài - Sở Tư pháp tỉnh Lạng Sơn   "};
    FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
    if (!out || !in)
        die("/dev/null");
    SCREEN *scr = newterm("xterm-256color", out, in);
    if (!scr)
        die("newterm");
    set_term(scr);
    resizeterm(24, 80);
    double *t = xcalloc((size_t)n + 1, sizeof *t);
    for (int i = 0; i < n; i++) {
        double a = bench_now_ms();
        erase();
        for (int y = 0; y < 24; y++) {
            attrset((y + i) % 3 ? A_NORMAL : A_BOLD);
            mvaddstr(y, 0, text[(i + y) & 1]);
        }
        refresh();
        t[i] = bench_now_ms() - a;
    }
    endwin();
    delscreen(scr);
    fclose(out);
    fclose(in);
    double p99 = bench_pct(t, n, 99);
    free(t);
    return p99;
}

static void keystroke_row(const char *what, const char *size, lat *l, double floor_p99)
{
    double p50 = bench_pct(l->v, l->n, 50), p99 = bench_pct(l->v, l->n, 99);
    double c99 = bench_pct(l->cpu, l->n, 99);
    char f[128], m[128];
    bench_row(bench_fmt(f, sizeof f, "keystroke -> frame p99, %s, %s", what, size),
              bench_fmt(m, sizeof m, "%.3f ms (p50 %.3f, CPU p99 %.3f, %d keys)", p99, p50, c99,
                        l->n),
              "<= 1 ms", floor_p99 > 0 ? p99 / floor_p99 : 0, "ncurses full redraw", p99 <= 1.0);
    free(l->v);
    free(l->cpu);
    memset(l, 0, sizeof *l);
}

/* Search as you type on the citizen's procedure search. */
static void search_keys(kiosk *k, lat *l, int n)
{
    static const char *const words[] = {"dang ky khai sinh", "cap lai", "ly lich tu phap",
                                        "thuong tru", "giay phep xay dung", "tam tru cho"};
    key_char(k, '1');     /* send a dossier: the search screen */
    if (strcmp(app_top(&k->a)->name, "procedures") != 0)
        die("not on the search screen");
    for (int w = 0; l->n < n; w = (w + 1) % 6) {
        timed_type(k, l, words[w]);
        while (k->cz.search.len > 0)
            timed_char(k, l, TK_BACKSPACE, true);
    }
    key_special(k, TK_ESC);
}

/* Track: the number typed, looked up, the last 4 digits, the dossier
 * shown; back to the welcome screen and in again. */
static void track_keys(kiosk *k, lat *l, int n, const char *ref, const char *last4)
{
    while (l->n < n) {
        if (strcmp(app_top(&k->a)->name, "track") != 0)
            timed_char(k, l, '4', false);
        if (strcmp(app_top(&k->a)->name, "track") != 0)
            die("not on the Track screen (%s):\n%s", app_top(&k->a)->name, term_dump());
        timed_type(k, l, ref);
        timed_char(k, l, TK_ENTER, true);
        timed_type(k, l, last4);
        timed_char(k, l, TK_ENTER, true);
        if (getenv("BENCH_SHOW")) {
            char *t = term_dump();
            fprintf(stderr, "%s\n", t);
            free(t);
        }
        timed_char(k, l, TK_ESC, true);
    }
}

/* Search as you type on the clerk's queue: names, then phone digits. */
static void queue_keys(kiosk *k, lat *l, int n)
{
    static const char *const words[] = {"nguyen an", "tran thi", "0912", "trieu minh", "4321",
                                        "le van"};
    for (int w = 0; l->n < n; w = (w + 1) % 6) {
        timed_type(k, l, words[w]);
        while (k->ui.search.len > 0)
            timed_char(k, l, TK_BACKSPACE, true);
    }
}

/* A clerk account nv01 / 735102 in the copy of the database. */
static void add_clerk(config *cfg, store *s)
{
    auth_ctx ax;
    memset(&ax, 0, sizeof ax);
    ax.cost = AUTH_COST_MIN;
    char msg[256];
    if (auth_load_pepper(&ax, cfg->pepper_file, msg, sizeof msg) != PK_OK)
        die("pepper: %s", msg);
    clerk_account c;
    memset(&c, 0, sizeof c);
    str_copy(c.id, sizeof c.id, "nv01");
    str_copy(c.name, sizeof c.name, "Lê Thu");
    c.role = ROLE_CLERK;
    if (auth_pin_hash_for(&ax, "nv01", "735102", c.pin_hash) != PK_OK ||
        store_clerk_add(s, &c, "install", (int64_t)time(NULL)) != PK_OK)
        die("clerk account: %s", store_last_error(s));
    auth_wipe(&ax);
}

/* The idle check of the whole file (store_check.h) on the database: one
 * pass to its end, then passes stopped as a key would stop them (after
 * 50 ms to 1.25 s of reading): how long the thread takes to end. Neither
 * is a wait of the input loop, which never joins the thread while a pass
 * runs; no target. */
static void idle_check_rows(const char *db, const char *size)
{
    store *s = NULL;
    char msg[320], f[128], m[96];
    if (store_open(db, &s, msg, sizeof msg) != PK_OK)
        die("store: %s", msg);
    store_idle_check *c = NULL;
    double t0 = bench_now_ms();
    if (store_idle_check_start(s, &c) != PK_OK)
        die("idle check: cannot start");
    idle_check_state st;
    while ((st = store_idle_check_poll(c, msg, sizeof msg)) == IDLE_CHECK_RUNNING)
        usleep(1000);
    double pass = bench_now_ms() - t0;
    store_idle_check_free(c);
    if (st != IDLE_CHECK_OK)
        die("idle check: %d %s", (int)st, msg);
    bench_row(bench_fmt(f, sizeof f, "idle check of the whole file, one pass, %s", size),
              bench_fmt(m, sizeof m, "%.0f ms", pass), "-", 0, NULL, -1);
    enum { STOPS = 6 };
    double t[STOPS];
    for (int i = 0; i < STOPS; i++) {
        if (store_idle_check_start(s, &c) != PK_OK)
            die("idle check: cannot start");
        usleep((useconds_t)(50 + 240 * i) * 1000);
        double a = bench_now_ms();
        store_idle_check_stop(c);
        while ((st = store_idle_check_poll(c, msg, sizeof msg)) == IDLE_CHECK_RUNNING)
            usleep(100);
        t[i] = bench_now_ms() - a;
        store_idle_check_free(c);
        if (st != IDLE_CHECK_STOPPED && st != IDLE_CHECK_OK)
            die("idle check: %d %s", (int)st, msg);
    }
    bench_row(bench_fmt(f, sizeof f, "  idle check stopped by a key: the thread ends, max, %s", size),
              bench_fmt(m, sizeof m, "%.2f ms (%d stops)", bench_pct(t, STOPS, 100), STOPS), "-",
              0, NULL, -1);
    store_close(s);
}

int main(int argc, char **argv)
{
    long long nd = bench_arg(argc, argv, 1000000);
    const char *nk = getenv("BENCH_KEYS");
    int nkeys = nk ? atoi(nk) : 2000;
    char size[32];
    bench_size(size, sizeof size, nd);
    bench_audit_key();
    char master[512];
    bench_db(nd, master, sizeof master);
    char dir[64];
    bench_tmpdir("ui", dir, sizeof dir);
    setenv("POSTKIOSK_HOME", dir, 1);
    char db[128], spec[128], err[256];
    snprintf(db, sizeof db, "%s/ui.db", dir);
    snprintf(spec, sizeof spec, "file:%s/receipts", dir);
    mkdir(spec + 5, 0700);
    bench_db_copy(master, db);

    double floor = ncurses_floor(nkeys);   /* before the kiosk's own terminal */
    /* a dossier to track: its number and the last 4 digits of its phone */
    char ref[PK_REF_MAX] = "LS01-0000001", last4[8] = "0000";
    kiosk *k = xcalloc(1, sizeof *k);
    config_defaults(&k->cfg);
    bench_audit_key_file(dir);             /* the keys the real binary reads */
    if (!config_prepare_home(&k->cfg, err, sizeof err))
        die("%s", err);
    start_kiosk(k, db, spec, false);
    if (nd > 0) {
        sqlite3_stmt *q = store_stmt(k->db, "SELECT ref, substr(phone, -4) FROM dossiers"
                                            " WHERE id = (SELECT max(id) / 2 + 1 FROM dossiers)");
        if (q && sqlite3_step(q) == SQLITE_ROW) {
            str_copy(ref, sizeof ref, (const char *)sqlite3_column_text(q, 0));
            str_copy(last4, sizeof last4, (const char *)sqlite3_column_text(q, 1));
        }
        store_done(q);
    }
    add_clerk(&k->cfg, k->db);
    lat l = {0};
    search_keys(k, &l, nkeys);
    keystroke_row("citizen search", size, &l, floor);
    track_keys(k, &l, nkeys / 4, ref, last4);
    keystroke_row("Track", size, &l, floor);
    stop_kiosk(k);
    memset(k, 0, sizeof *k);

    config_defaults(&k->cfg);
    start_kiosk(k, db, spec, true);
    type(k, "nv01");
    key_special(k, TK_ENTER);
    type(k, "735102");
    key_special(k, TK_ENTER);
    key_char(k, '1');
    if (strcmp(app_top(&k->a)->name, "clerk_queue") != 0)
        die("not on the clerk queue (%s)", app_top(&k->a)->name);
    queue_keys(k, &l, nkeys);
    keystroke_row("clerk queue", size, &l, floor);
    stop_kiosk(k);
    free(k);
    idle_check_rows(db, size);

    long rss, rss2;
    binary_startup(db, dir, &rss, SIGTERM);            /* the first run: not timed */
    double bin = binary_startup(db, dir, &rss, SIGKILL);
    double unclean = binary_startup(db, dir, &rss2, SIGTERM);
    char f[128], m[96];
    bench_row(bench_fmt(f, sizeof f, "start-up to first frame, real binary on a pty, %s", size),
              bin < 0 ? "no frame" : bench_fmt(m, sizeof m, "%.1f ms", bin), "< 100 ms", 0, NULL,
              bin >= 0 && bin < 100.0);
    bench_row(bench_fmt(f, sizeof f, "  start-up after an unclean end (every page read), %s", size),
              unclean < 0 ? "no frame" : bench_fmt(m, sizeof m, "%.1f ms", unclean), "-", 0, NULL,
              -1);
    if (rss2 > rss)
        rss = rss2;
    bench_row(bench_fmt(f, sizeof f, "peak memory of the kiosk to first frame, %s", size),
              bench_fmt(m, sizeof m, "%.1f MB", (double)rss / 1024), "< 16 MB", 0, NULL,
              rss > 0 && rss < 16 * 1024);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", dir);
    return 0;
}
