/* georepctl __complete: the names the bash completion offers, one a line,
 * read from the service. Hidden from --help; silent on errors, since a
 * completion must never print into the command line being edited. */
#include <string.h>

#include "georepctl.h"
#include "gr-names.h"

static void
print_volumes (CtlContext *ctx)
{
  g_autoptr (GVariant) props =
      ctl_get_all (ctx, GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, NULL);
  g_autofree const char **volumes = NULL;

  if (props != NULL && g_variant_lookup (props, "Volumes", "^a&s", &volumes))
    for (guint i = 0; volumes[i]; i++)
      g_print ("%s\n", volumes[i]);
}

/* Sessions' primaries, or the secondaries of @primary. */
static void
print_sessions (CtlContext *ctx, gboolean secondaries, const char *primary)
{
  g_autoptr (GPtrArray) sessions =
      ctl_list_sessions (ctx, ctl_session_identity, NULL);
  g_autoptr (GHashTable) seen =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    {
      CtlObject *session = g_ptr_array_index (sessions, i);
      const char *this_primary = ctl_prop_string (session, "PrimaryVolume");
      char *name = secondaries ? ctl_session_secondary (session)
                               : g_strdup (this_primary);

      if (primary != NULL && !g_str_equal (primary, this_primary))
        g_free (name);
      else if (g_hash_table_add (seen, name))
        g_print ("%s\n", name);
    }
}

/* Destinations' hosts, or HOST:: and HOST::VOLUME for each remote
 * volume seen by the last test, for create's second argument. */
static void
print_destinations (CtlContext *ctx, gboolean secondaries)
{
  g_autoptr (GPtrArray) destinations =
      ctl_list_objects (ctx, GR_DBUS_INTERFACE_DESTINATION, NULL);

  for (guint i = 0; destinations != NULL && i < destinations->len; i++)
    {
      CtlObject *destination = g_ptr_array_index (destinations, i);
      const char *host = ctl_prop_string (destination, "Host");
      const char *user = ctl_prop_string (destination, "User");
      g_autofree const char **volumes = NULL;
      g_autofree char *prefix = ctl_secondary_name (user, host, "");

      if (!secondaries)
        {
          g_print ("%s\n", host);
          continue;
        }
      g_print ("%s\n", prefix);
      if (g_variant_lookup (destination->props, "RemoteVolumes", "^a&s",
                            &volumes))
        for (guint v = 0; volumes[v]; v++)
          g_print ("%s%s\n", prefix, volumes[v]);
    }
}

/* Every effective option of the session, or only the ones set. */
static void
print_config_keys (CtlContext *ctx,
                   gboolean set_only,
                   const char *primary,
                   const char *secondary)
{
  g_autoptr (CtlObject) session =
      ctl_find_session (ctx, primary, secondary, NULL);
  g_autoptr (GVariant) options = NULL;
  GVariantIter iter;
  const char *key;

  if (session != NULL)
    options = ctl_read_options (ctx, session, set_only, NULL, NULL);
  if (options == NULL)
    return;
  g_variant_iter_init (&iter, options);
  while (g_variant_iter_next (&iter, "(&s&sb)", &key, NULL, NULL))
    g_print ("%s\n", key);
}

int
ctl_verb_complete (CtlContext *ctx, int argc, char **argv)
{
  const char *what = argc > 1 ? argv[1] : "";

  /* Completion must not wait long nor ask for anything. */
  ctx->timeout_s = 5;
  ctx->no_ask_password = TRUE;
  if (g_str_equal (what, "volumes"))
    print_volumes (ctx);
  else if (g_str_equal (what, "primaries"))
    print_sessions (ctx, FALSE, NULL);
  else if (g_str_equal (what, "secondaries"))
    print_sessions (ctx, TRUE, argc > 2 ? argv[2] : NULL);
  else if (g_str_equal (what, "destinations"))
    print_destinations (ctx, FALSE);
  else if (g_str_equal (what, "remote-secondaries"))
    print_destinations (ctx, TRUE);
  else if ((g_str_equal (what, "config-keys") ||
            g_str_equal (what, "set-config-keys")) &&
           argc > 2)
    print_config_keys (ctx, g_str_equal (what, "set-config-keys"), argv[2],
                       argc > 3 && strstr (argv[3], "::") ? argv[3] : NULL);
  else
    return CTL_EXIT_USAGE;
  return CTL_EXIT_OK;
}
