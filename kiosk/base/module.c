/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared modules loaded on first use (module.h). */
#include "module.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

enum { MODULE_MAX = 8 };

/* The modules loaded so far, by path: a test that points
 * POSTKIOSK_MODULEDIR elsewhere gets the module of that folder. */
static struct {
    char path[PATH_MAX];
    const void *table;
} loaded[MODULE_MAX];

static bool is_file(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* Where pk-NAME.so is: $POSTKIOSK_MODULEDIR, else the layout the program
 * runs in, as for its translations (i18n.c) and data (config.c): the
 * installed PREFIX/bin/postkiosk has them in PREFIX/lib/postkiosk/, a
 * program anywhere else (build/, build-asan/, ...) in modules/ beside it. */
static bool module_path(const char *name, char *out, size_t outsz)
{
    const char *dir = getenv("POSTKIOSK_MODULEDIR");
    if (dir && *dir)
        return snprintf(out, outsz, "%s/pk-%s.so", dir, name) < (int)outsz;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return false;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return false;
    *slash = '\0';
    const char *base = strrchr(exe, '/');
    base = base ? base + 1 : exe;
    int w = strcmp(base, "bin") == 0
                ? snprintf(out, outsz, "%s/../lib/postkiosk/pk-%s.so", exe, name)
                : snprintf(out, outsz, "%s/modules/pk-%s.so", exe, name);
    return w > 0 && (size_t)w < outsz;
}

bool module_present(const char *name)
{
    char path[PATH_MAX];
    return module_path(name, path, sizeof path) && is_file(path);
}

const void *module_load(const char *name, size_t size, char *why, size_t whysz)
{
    char path[PATH_MAX], sym[64];
    if (!module_path(name, path, sizeof path)) {
        snprintf(why, whysz, _("the %s part of postkiosk cannot be found"), name);
        return NULL;
    }
    int slot = -1;
    for (int i = 0; i < MODULE_MAX; i++) {
        if (loaded[i].table && strcmp(loaded[i].path, path) == 0)
            return loaded[i].table;
        if (!loaded[i].table && slot < 0)
            slot = i;
    }
    /* RTLD_NOW: a module missing a symbol fails here, not in the middle of
     * a sync or a print. Never closed: its tables and strings stay valid. */
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(why, whysz, _("the %s part of postkiosk cannot be loaded (%s): reinstall postkiosk"),
                 name, e ? e : path);
        return NULL;
    }
    snprintf(sym, sizeof sym, "pk_module_%s", name);
    const pk_module_head *head = dlsym(h, sym);
    if (!head || head->abi != PK_MODULE_ABI || head->size != size) {
        snprintf(why, whysz,
                 _("the %s part of postkiosk at %s is from another version: reinstall postkiosk"),
                 name, path);
        return NULL;   /* left open: unloading would lose what its libraries'
                          constructors allocated (libvorbisenc's, under valgrind) */
    }
    if (slot >= 0) {
        str_copy(loaded[slot].path, sizeof loaded[slot].path, path);
        loaded[slot].table = head;
    }
    return head;
}
