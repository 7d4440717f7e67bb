/* georepctl: long output through a pager, as systemd's tools do. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The pager's command line from $SYSTEMD_PAGER and $PAGER (the first
 * one set wins; unset: less); NULL for no pager: set to "" or "cat", or
 * not a command line. */
GStrv ctl_pager_argv (const char *systemd_pager, const char *pager);

/* From here on standard output goes through the pager, if it is a
 * terminal and the pager starts; ctl_pager_stop () waits for it. */
void ctl_pager_start (void);
void ctl_pager_stop (void);

G_END_DECLS
