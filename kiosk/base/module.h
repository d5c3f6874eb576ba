/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The program's heavy parts (the central server over libpq, e-mail and SMS
 * over libcurl, the A4 papers over cairo/pango/CUPS/zint, speech over
 * espeak-ng) are shared modules loaded on first use, so that the kiosk
 * process maps none of those libraries until a citizen or a clerk needs
 * them (issue 18: peak memory to the first frame). Each module is one
 * folder named module/ inside its room, built as pk-ROOM.so, and exports
 * one table of functions, `pk_module_ROOM`, whose first member is a
 * pk_module_head. Its room's facade (pgc.c, notify_send.c, paper_lib.c,
 * speech.c) calls through the table and turns a missing or broken module
 * into an error value with a translated reason. */
#ifndef PK_MODULE_H
#define PK_MODULE_H

#include <stdbool.h>
#include <stddef.h>

/* Raised whenever a table changes: a module left from another build is
 * refused instead of being called through the wrong table. */
enum { PK_MODULE_ABI = 1 };

typedef struct {
    unsigned abi;   /* PK_MODULE_ABI of the build that made the module */
    size_t size;    /* sizeof its table */
} pk_module_head;

/* Marks the one symbol a module exports (modules are built with hidden
 * visibility). */
#define PK_MODULE_EXPORT __attribute__((visibility("default")))

/* The table pk_module_NAME of pk-NAME.so, loaded once (dlopen) and kept;
 * size is the caller's sizeof of the table. The module is looked for in
 * $POSTKIOSK_MODULEDIR when set, else beside the program (build*\/modules/)
 * or in the installed layout (PREFIX/bin -> PREFIX/lib/postkiosk/). NULL
 * when it is missing or broken, with a translated why naming the part of
 * the program that is missing. */
const void *module_load(const char *name, size_t size, char *why, size_t whysz);
/* Whether pk-NAME.so is there to be loaded (looked for as module_load
 * does, without loading it): for a process that loads it elsewhere (the
 * speaking child). */
bool module_present(const char *name);

#endif
