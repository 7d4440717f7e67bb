/* Root's key in the authorized_keys of the sandbox's remote user, where
 * SetupPasswordless installs it and Remove with revoke-key takes it out.
 * The sandbox gives root a key pair; the service picks the same one. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ~/.ssh/authorized_keys of the remote user. */
char *gr_test_remote_keys_path (void);

/* How many lines of that file hold root's key. */
guint gr_test_root_key_count (void);

/* Takes root's key out of that file, which keeps its owner and mode. */
void gr_test_root_key_strip (void);

G_END_DECLS
