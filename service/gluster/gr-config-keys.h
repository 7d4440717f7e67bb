/* georepd: the allowlist of geo-replication (gsyncd) config keys. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GR_CONFIG_KEY_UNKNOWN,
  GR_CONFIG_KEY_ORDINARY,
  /* Names a command, its options or a path gsyncd uses as root: changing
   * it is running code as root (polkit action configure-commands). */
  GR_CONFIG_KEY_COMMAND,
  /* Shown by gluster, not settable. */
  GR_CONFIG_KEY_READ_ONLY,
} GrConfigKeyClass;

/* Takes '-' or '_' and the Gluster <= 9 names (slave-*, master-*);
 * @canonical (may be NULL) receives the '-' spelling of Gluster >= 10,
 * or NULL for an unknown key. */
GrConfigKeyClass gr_config_key_classify (const char *key, char **canonical);

/* GR_ERROR_INVALID_ARGUMENT for a malformed or unknown key, and for a
 * read-only one when @for_write. */
gboolean gr_config_key_validate (const char *key,
                                 gboolean for_write,
                                 char **canonical,
                                 GError **error);

/* The Gluster <= 9 name of a canonical key ("secondary-timeout" →
 * "slave-timeout"); a copy of @canonical when it has no other name. */
char *gr_config_key_to_legacy (const char *canonical);

/* Every key of the allowlist with its class as the D-Bus API spells it
 * ("ordinary", "command", "read-only"): a floating a{ss}. */
GVariant *gr_config_keys_to_variant (void);

G_END_DECLS
