/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Printer test helpers (see pkt_helpers.h). */
#include "pkt_helpers.h"

#include <CUnit/CUnit.h>
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <netinet/in.h>
#include <png.h>
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include <zbar.h>

#include "cli.h"

static char *zbar_gray(unsigned char *gray, int w, int h)
{
    zbar_image_scanner_t *sc = zbar_image_scanner_create();
    zbar_image_scanner_set_config(sc, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(sc, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_t *img = zbar_image_create();
    zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(img, (unsigned)w, (unsigned)h);
    zbar_image_set_data(img, gray, (unsigned long)w * (unsigned long)h, NULL);
    char *out = NULL;
    if (zbar_scan_image(sc, img) > 0) {
        const zbar_symbol_t *sym = zbar_image_first_symbol(img);
        if (sym)
            out = xstrdup(zbar_symbol_get_data(sym));
    }
    zbar_image_destroy(img);
    zbar_image_scanner_destroy(sc);
    return out;
}

char *pkt_zbar_bits(const unsigned char *bits, int width, int height)
{
    int stride = (width + 7) / 8;
    unsigned char *gray = xmalloc((size_t)width * (size_t)height + 1);
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
            gray[(size_t)y * (size_t)width + (size_t)x] =
                (bits[(size_t)y * (size_t)stride + (size_t)(x >> 3)] & (0x80 >> (x & 7))) ? 0 : 255;
    char *s = zbar_gray(gray, width, height);
    free(gray);
    return s;
}

char *pkt_run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    sbuf s = {0};
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        sbuf_addn(&s, buf, n);
    pclose(p);
    return s.data ? s.data : xstrdup("");
}

char *pkt_pdf_text(const char *path, const char *opts)
{
    char *cmd = xasprintf("pdftotext %s '%s' - 2>/dev/null", opts, path);
    char *text = pkt_run(cmd);
    free(cmd);
    return text;
}

char *pkt_zbar_png(const char *path)
{
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, path))
        return NULL;
    img.format = PNG_FORMAT_GRAY;
    unsigned char *gray = xmalloc(PNG_IMAGE_SIZE(img));
    char *s = NULL;
    if (png_image_finish_read(&img, NULL, gray, 0, NULL))
        s = zbar_gray(gray, (int)img.width, (int)img.height);
    else
        free(gray), gray = NULL;
    free(gray);
    png_image_free(&img);
    return s;
}

bool pkt_parse_escpos(const unsigned char *b, size_t len, pkt_stream *out)
{
    memset(out, 0, sizeof *out);
    size_t i = 0;
    while (i < len) {
        size_t left = len - i;
        const unsigned char *p = b + i;
        if (p[0] == 0x0A || p[0] >= 0x20) {
            out->text += p[0] >= 0x20;
            i += 1;
        } else if (left >= 2 && p[0] == 0x1B && p[1] == 0x40) {
            out->inits++;
            i += 2;
        } else if (left >= 2 && p[0] == 0x1C && p[1] == 0x2E) {
            i += 2;
        } else if (left >= 3 && p[0] == 0x1B && (p[1] == 0x61 || p[1] == 0x74)) {
            i += 3;
        } else if (left >= 3 && p[0] == 0x1B && p[1] == 0x64) {
            out->feeds += p[2];
            i += 3;
        } else if (left >= 3 && p[0] == 0x1B && p[1] == 0x4A) {
            out->feed_dots += p[2];
            i += 3;
        } else if (left >= 4 && p[0] == 0x1D && p[1] == 0x56 && p[2] == 66) {
            out->cuts++;
            i += 4;
        } else if (left >= 8 && p[0] == 0x1D && p[1] == 0x76 && p[2] == 0x30) {
            int wb = p[4] + p[5] * 256, h = p[6] + p[7] * 256;
            size_t n = (size_t)wb * (size_t)h;
            if (left < 8 + n || wb == 0 || (out->width && out->width != wb * 8))
                return false;
            out->width = wb * 8;
            out->bits = xrealloc(out->bits, (size_t)(out->height + h) * (size_t)wb);
            memcpy(out->bits + (size_t)out->height * (size_t)wb, p + 8, n);
            out->height += h;
            out->bands++;
            i += 8 + n;
        } else if (left >= 7 && p[0] == 0x1D && p[1] == 0x28 && p[2] == 0x6B) {
            size_t n = (size_t)p[3] + (size_t)p[4] * 256;
            if (left < 5 + n || n < 2)
                return false;
            if (p[6] == 80 && n >= 3) {
                size_t dl = n - 3 < sizeof out->qr_native - 1 ? n - 3 : sizeof out->qr_native - 1;
                memcpy(out->qr_native, p + 8, dl);
                out->qr_native[dl] = '\0';
            }
            i += 5 + n;
        } else {
            return false;
        }
    }
    return true;
}

void pkt_stream_free(pkt_stream *s)
{
    free(s->bits);
    s->bits = NULL;
}

char *pkt_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char *t = xasprintf("%s/pkt.XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(t)) {
        free(t);
        return NULL;
    }
    return t;
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

void pkt_rmtree(const char *path)
{
    if (path)
        nftw(path, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

int pkt_count_files(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    for (struct dirent *de; (de = readdir(d));)
        n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
    closedir(d);
    return n;
}

unsigned char *pkt_slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    sbuf b = {0};
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        sbuf_addn(&b, buf, n);
    fclose(fp);
    if (!b.data)
        sbuf_add(&b, "");
    if (len)
        *len = b.len;
    return (unsigned char *)b.data;
}

void pkt_write_key(const char *path, unsigned char fill, int version)
{
    FILE *fp = fopen(path, "w");
    if (!fp)
        return;
    for (int i = 0; i < 32; i++)
        fprintf(fp, "%02x", (unsigned)(unsigned char)(fill + i));
    fprintf(fp, "\n%d\n", version);
    fclose(fp);
    chmod(path, 0600);
}

bool pkt_receipt_home(char **dir, config *cfg, store **db)
{
    *db = NULL;
    *dir = pkt_tmpdir();
    if (!*dir)
        return false;
    config_defaults(cfg);
    /* everything under the test folder, never the real data directory */
    snprintf(cfg->home, sizeof cfg->home, "%s/home", *dir);
    snprintf(cfg->db_path, sizeof cfg->db_path, "%s/pk.db", *dir);
    snprintf(cfg->pepper_file, sizeof cfg->pepper_file, "%s/pin.pepper", *dir);
    snprintf(cfg->key_file, sizeof cfg->key_file, "%s/receipt.key", *dir);
    pkt_write_key(cfg->key_file, 0x42, 1);
    snprintf(cfg->printer, sizeof cfg->printer, "file:%s/receipts", *dir);
    char msg[200];
    return store_open(cfg->db_path, db, msg, sizeof msg) == PK_OK &&
           cli_seed(*db, "data", msg, sizeof msg) == PK_OK &&
           store_setting_set(*db, "kiosk_code", "LS01") == PK_OK;
}

void pkt_receipt_home_close(char *dir, store *db)
{
    store_close(db);
    pkt_rmtree(dir);
    free(dir);
}

void pkt_replies_ok(unsigned char r[5])
{
    const unsigned char v[5] = {0, 0x16, 0x12, 0x12, 0x12};
    memcpy(r, v, 5);
}

void pkt_replies_paper_out(unsigned char r[5])
{
    const unsigned char v[5] = {0, 0x1E, 0x32, 0x12, 0x72};
    memcpy(r, v, 5);
}

void pkt_replies_paper_low(unsigned char r[5])
{
    const unsigned char v[5] = {0, 0x16, 0x12, 0x12, 0x1E};
    memcpy(r, v, 5);
}

void pkt_replies_cover_open(unsigned char r[5])
{
    const unsigned char v[5] = {0, 0x1E, 0x16, 0x12, 0x12};
    memcpy(r, v, 5);
}

static void reply_bytes(pkt_vprinter *v, int fd, const unsigned char *b, size_t n)
{
    ssize_t w = v->tcp ? send(fd, b, n, MSG_NOSIGNAL) : write(fd, b, n);
    (void)w;
}

/* Feeds received bytes, answering DLE EOT at once and the confirmations in
 * order, like a printer would. */
static void consume(pkt_vprinter *v, int fd, const unsigned char *buf, size_t n,
                    unsigned char *st1, unsigned char *st2)
{
    pthread_mutex_lock(&v->mu);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = buf[i];
        sbuf_addn(&v->got, (const char *)&c, 1);
        memmove(v->win, v->win + 1, sizeof v->win - 1);
        v->win[sizeof v->win - 1] = c;
        const unsigned char *r =
            v->switch_at && v->got.len > v->switch_at ? v->reply_after : v->reply;
        if (*st1 == 0x10 && *st2 == 0x04 && c >= 1 && c <= 4) {
            v->queries++;
            if (r[c])
                reply_bytes(v, fd, &r[c], 1);
        }
        bool online = r[1] && !(r[1] & 0x08) && !v->no_confirm;
        const unsigned char *w = v->win;
        if (online && v->on_confirm &&
            (!memcmp(w + 8, "\x1d\x72\x01", 3) || !memcmp(w, "\x1d\x28\x48\x06\x00\x30\x30", 7)))
            v->on_confirm(v->on_confirm_arg);
        if (online && !memcmp(w + 8, "\x1d\x72\x01", 3)) {
            unsigned char paper = r[4] == 0x1E ? 0x03 : 0x00;   /* near end */
            reply_bytes(v, fd, &paper, 1);
            v->confirms++;
        }
        if (online && !memcmp(w, "\x1d\x28\x48\x06\x00\x30\x30", 7)) {
            const unsigned char id[7] = {0x37, 0x22, w[7], w[8], w[9], w[10], 0};
            reply_bytes(v, fd, id, sizeof id);
            v->confirms++;
        }
        *st1 = *st2;            /* st1: two bytes back, st2: one byte back */
        *st2 = c;
    }
    pthread_mutex_unlock(&v->mu);
}

static void *serve(void *arg)
{
    pkt_vprinter *v = arg;
    unsigned char buf[4096];
    while (!v->stop) {
        int conn = v->fd;
        if (v->tcp) {
            struct pollfd lp = {v->fd, POLLIN, 0};
            if (poll(&lp, 1, 20) <= 0)
                continue;
            conn = accept(v->fd, NULL, NULL);
            if (conn < 0)
                continue;
        }
        unsigned char a = 0, b = 0;
        while (!v->stop) {
            struct pollfd pfd = {conn, POLLIN, 0};
            int r = poll(&pfd, 1, 20);
            if (r <= 0)
                continue;
            ssize_t n = read(conn, buf, sizeof buf);
            if (n <= 0) {
                if (!v->tcp && n < 0 && errno == EAGAIN)
                    continue;
                break;
            }
            consume(v, conn, buf, (size_t)n, &a, &b);
        }
        if (v->tcp)
            close(conn);
    }
    return NULL;
}

static void vp_init(pkt_vprinter *v, const unsigned char reply[5])
{
    memset(v, 0, sizeof *v);
    memcpy(v->reply, reply, 5);
    pthread_mutex_init(&v->mu, NULL);
    v->fd = v->slave = -1;
}

bool pkt_vprinter_start_tcp(pkt_vprinter *v, const unsigned char reply[5])
{
    vp_init(v, reply);
    v->tcp = true;
    v->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in sa = {0};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = 0;                       /* a free port chosen by the kernel */
    socklen_t sl = sizeof sa;
    if (v->fd < 0 || bind(v->fd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(v->fd, 4) != 0 ||
        getsockname(v->fd, (struct sockaddr *)&sa, &sl) != 0)
        return false;
    v->port = ntohs(sa.sin_port);
    return pthread_create(&v->th, NULL, serve, v) == 0;
}

bool pkt_vprinter_start_pty(pkt_vprinter *v, const unsigned char reply[5])
{
    vp_init(v, reply);
    struct termios t;
    memset(&t, 0, sizeof t);
    cfmakeraw(&t);
    if (openpty(&v->fd, &v->slave, v->path, &t, NULL) != 0)
        return false;
    fcntl(v->fd, F_SETFL, fcntl(v->fd, F_GETFL) | O_NONBLOCK);
    return pthread_create(&v->th, NULL, serve, v) == 0;
}

bool pkt_vprinter_start_deaf(pkt_vprinter *v, bool tcp)
{
    const unsigned char none[5] = {0};
    if (tcp) {
        if (!pkt_vprinter_start_tcp(v, none))
            return false;
        v->stop = 1;                      /* the thread ends before any accept() */
        pthread_join(v->th, NULL);
    } else {
        vp_init(v, none);
        struct termios t;
        memset(&t, 0, sizeof t);
        cfmakeraw(&t);
        if (openpty(&v->fd, &v->slave, v->path, &t, NULL) != 0)
            return false;
    }
    v->deaf = true;
    return true;
}

void pkt_vprinter_stop(pkt_vprinter *v)
{
    v->stop = 1;
    if (!v->deaf)
        pthread_join(v->th, NULL);
    v->deaf = true;                       /* stopped: never joined twice */
    if (v->fd >= 0)
        close(v->fd);
    if (v->slave >= 0)
        close(v->slave);
    v->fd = v->slave = -1;
}

void pkt_vprinter_free(pkt_vprinter *v)
{
    sbuf_free(&v->got);
    pthread_mutex_destroy(&v->mu);
}

int pkt_closed_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {0};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t sl = sizeof sa;
    bind(fd, (struct sockaddr *)&sa, sizeof sa);
    getsockname(fd, (struct sockaddr *)&sa, &sl);
    close(fd);                             /* bound, never listened: now closed */
    return ntohs(sa.sin_port);
}
