/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Test helpers for the printer suites: QR decoding with zbar, an ESC/POS
 * stream parser that rebuilds the GS v 0 raster, virtual printers (TCP
 * listener and pseudo-terminal) answering DLE EOT, temporary folders. */
#ifndef PKT_HELPERS_H
#define PKT_HELPERS_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "store.h"
#include "util.h"

/* First QR symbol found, malloc'ed; NULL when none. */
char *pkt_zbar_bits(const unsigned char *bits, int width, int height);
char *pkt_zbar_png(const char *path);

/* Output of a shell command (caller frees), "" when it printed nothing. */
char *pkt_run(const char *cmd);
/* pdftotext's text of the PDF at path, with its options opts ("-layout",
 * "-raw", "-layout -f 2 -l 2"); caller frees, "" when there is none. */
char *pkt_pdf_text(const char *path, const char *opts);

/* Walks an ESC/POS stream made of the commands postkiosk emits; fails on
 * anything else. Collects the GS v 0 bands (all of one width) into one
 * image (*bits malloc'ed, PBM P4 body), counts cuts and native QR stores. */
typedef struct {
    unsigned char *bits;
    int width, height;       /* dots */
    int bands, cuts, inits, feeds;
    int text;                /* printable text bytes */
    int feed_dots;           /* ESC J */
    char qr_native[512];     /* data of GS ( k fn 80, "" if none */
} pkt_stream;
bool pkt_parse_escpos(const unsigned char *b, size_t len, pkt_stream *out);
void pkt_stream_free(pkt_stream *s);

/* mkdtemp under TMPDIR; returns a malloc'ed path. rm -r with pkt_rmtree. */
char *pkt_tmpdir(void);
void pkt_rmtree(const char *path);
/* How many entries the folder holds (. and .. aside); -1 if unreadable. */
int pkt_count_files(const char *dir);
/* Reads a whole file (malloc'ed, NUL-terminated); NULL if missing. */
unsigned char *pkt_slurp(const char *path, size_t *len);
/* Writes a receipt key file (mode 0600): hex key line + version line. */
void pkt_write_key(const char *path, unsigned char fill, int version);

/* A receipt-printing home for the print suites: a fresh temporary folder
 * (*dir, malloc'ed) holding everything cfg names (home, database, pepper,
 * receipt key 0x42 version 1, the printer "file:DIR/receipts"), the store
 * open in *db, seeded from data/, kiosk code LS01. False when any step
 * fails; pkt_receipt_home_close undoes it all. */
bool pkt_receipt_home(char **dir, config *cfg, store **db);
void pkt_receipt_home_close(char *dir, store *db);

/* A virtual printer answering DLE EOT n with reply[n] (0 = silence), and,
 * like a real one, the job confirmations GS r 1 and GS ( H fn 48 once it
 * has read everything before them, unless it is silent (reply[1] == 0),
 * offline (reply[1] bit 3: paper out, cover open) or no_confirm is set.
 * A deaf one (pkt_vprinter_start_deaf) accepts the link and never reads. */
typedef struct {
    int fd;                  /* listening socket or pty master */
    int slave;               /* pty: our own slave fd, kept open */
    bool tcp;
    int port;
    char path[128];          /* pty slave path */
    unsigned char reply[5];
    /* after this many bytes of job data, answer with reply_after[] */
    size_t switch_at;
    unsigned char reply_after[5];
    pthread_mutex_t mu;
    sbuf got;                /* everything received */
    int queries;             /* DLE EOT seen */
    int confirms;            /* confirmations answered */
    bool no_confirm;         /* reads and answers DLE EOT, never confirms */
    bool deaf;               /* no thread: nothing is ever read */
    /* called (printer thread) when the job is done, before confirming it */
    void (*on_confirm)(void *arg);
    void *on_confirm_arg;
    unsigned char win[11];   /* the last bytes received */
    volatile int stop;
    pthread_t th;
} pkt_vprinter;

/* Canned replies (ESCPOS.md §4): n=1, 2, 3, 4. */
void pkt_replies_ok(unsigned char r[5]);
void pkt_replies_paper_out(unsigned char r[5]);
void pkt_replies_cover_open(unsigned char r[5]);
void pkt_replies_paper_low(unsigned char r[5]);

bool pkt_vprinter_start_tcp(pkt_vprinter *v, const unsigned char reply[5]);
bool pkt_vprinter_start_pty(pkt_vprinter *v, const unsigned char reply[5]);
/* TCP: listens and never accepts (the kernel completes the connection);
 * pty: the other end is open and never read. */
bool pkt_vprinter_start_deaf(pkt_vprinter *v, bool tcp);
/* Stops the thread and closes the link; v->got stays readable until
 * pkt_vprinter_free(). */
void pkt_vprinter_stop(pkt_vprinter *v);
void pkt_vprinter_free(pkt_vprinter *v);
/* A local TCP port with nothing listening on it. */
int pkt_closed_port(void);

#endif
