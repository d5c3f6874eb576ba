/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Configuration: an INI file (inih) over embedded defaults, so that the
 * kiosk runs with no set-up. Paths default to a per-user data directory
 * ($POSTKIOSK_HOME, else $XDG_DATA_HOME/postkiosk, else ~/.local/share/postkiosk). */
#ifndef PK_CONFIG_H
#define PK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char home[512];            /* data directory */
    char db_path[512];
    char data_dir[512];        /* shipped data: catalog, units, holidays, tours */
    char locale_dir[512];      /* compiled .mo files */
    char printer[512];         /* file:DIR | device:/dev/usb/lp0 | tcp:HOST:PORT */
    char printer_profile[32];  /* 58mm | 80mm | name of a [profile.X] section */
    char key_file[512];        /* receipt HMAC key, root-only, outside the DB */
    char pepper_file[512];     /* clerk PIN pepper, root-only */
    char audit_key_file[512];  /* audit chain HMAC key, root-only, outside the DB */
    char peer_keys_dir[512];   /* [paths] peer_keys: the other kiosks' receipt keys,
                                  "<KIOSK>.<version>" (province-distributed) */
    char kiosk_code[16];       /* e.g. LS01: unique per kiosk */
    char post_office[128];     /* shown on receipts */
    char hotline[32];
    char s10_prefix[3];
    int s10_first, s10_last;   /* serial range the postal operator gave this
                                  kiosk (S10 numbers must be unique across
                                  kiosks); default 1..99999999 */
    char language[8];          /* default language */
    bool language_set;         /* the file sets it: also for command-line messages */
    char track_url[256];       /* optional URL prefix in the QR */
    char info_url[256];        /* demo closing slide */
    bool tone_new;             /* Vietnamese tone style "hoà" instead of "hòa" */
    int idle_timeout;          /* seconds, default 90 */
    int idle_warning;          /* seconds of countdown, default 20 */
    int clerk_timeout;         /* seconds, default 120 */
    char scope[16];            /* default postal scope: province */
    char backup_dir[512];      /* [backup] dir; "" = HOME/backups */
    int backup_keep;           /* [backup] keep: backups kept, default 7 (1..1000) */
    char papers_printer[128];  /* [papers] printer: the CUPS queue of the A4 printer; "" = none
                                  (the papers go to the receipt printer) */
    char papers_server[256];   /* [papers] cups_server: a CUPS socket path or host[:port];
                                  "" = the system's default */
    int purge_min_years;       /* [purge] min_years: the legal retention, default 5
                                  (TT 17/2017 Đ.14.3); purge refuses anything shorter */
} config;

/* Practice and guided tours number their dossiers and receipts in series of
 * their own, which a live kiosk's configuration may not use: a practice
 * receipt never carries a live reference or S10 number. */
#define PK_PRACTICE_KIOSK_CODE "MAU"      /* "mẫu", sample */
#define PK_PRACTICE_S10_PREFIX "ZZ"

/* Fills defaults, then reads path (NULL = /etc/postkiosk/postkiosk.ini if it
 * exists). err gets "file:line: reason" on a bad file. */
bool config_load(config *c, const char *path, char *err, size_t errsz);
void config_defaults(config *c);
/* Creates home (0700) when missing; never the database's folder (a
 * database path in a folder that does not exist is a mistake to report,
 * issue 11 item 3). */
bool config_make_home(const config *c, char *err, size_t errsz);
/* Creates a missing key or pepper file (32 random bytes, 0400) whole or
 * not at all: temporary file, fsync, link(2) to its name, folder fsync.
 * Of two concurrent first starts one publishes and the other takes the
 * winner's complete file. An existing file is left as it is (its loader
 * checks it). */
bool config_make_secret(const char *file, char *err, size_t errsz);
/* config_make_home, then the key, the pepper and the audit key (tests,
 * tools). */
bool config_prepare_home(const config *c, char *err, size_t errsz);
/* fsync of a folder, after a file in it was created or renamed. */
bool config_fsync_dir(const char *dir);

/* A secret kept in a file of its own (SMTP password, SMS gateway header,
 * central server password): its first line, without the line end, into
 * out. false with why (translated) when it cannot be read, is empty or too
 * long, or group/others may read it (0400 / 0600 only). */
bool config_read_secret(const char *path, char *out, size_t outsz, char *why, size_t whysz);

#endif
