/* georepctl verify: compare a session's files on both sides (a sample, or
 * the paths given), or set how often georepd does it by itself. Exit 1
 * when files differ, so that scripts can act on it. */
#include "georepctl.h"
#include "gr-names.h"

typedef struct {
  int max_files;
  int timeout;
  int every; /* -1: not given */
} VerifyOptions;

static GVariant *
verify_parameters (CtlContext *ctx, char **paths, const VerifyOptions *opts)
{
  GVariantBuilder options;

  ctl_options_init (ctx, &options);
  if (paths != NULL && paths[0] != NULL)
    g_variant_builder_add (
        &options, "{sv}", "paths",
        g_variant_new_strv ((const char *const *) paths, -1));
  if (opts->max_files > 0)
    g_variant_builder_add (&options, "{sv}", "max-files",
                           g_variant_new_uint32 (opts->max_files));
  if (opts->timeout > 0)
    g_variant_builder_add (&options, "{sv}", "timeout",
                           g_variant_new_uint32 (opts->timeout));
  return g_variant_new ("(a{sv})", &options);
}

static const char *const mismatch_headers[] = { "PATH", "DIFFERS", "DETAIL" };

static void
print_mismatches (CtlContext *ctx, guint32 checked, GVariant *mismatches)
{
  g_autoptr (CtlTable) table =
      ctl_table_new (G_N_ELEMENTS (mismatch_headers), mismatch_headers);
  GVariantIter iter;
  const char *cells[3];

  g_variant_iter_init (&iter, mismatches);
  while (
      g_variant_iter_next (&iter, "(&s&s&s)", &cells[0], &cells[1], &cells[2]))
    ctl_table_add_row (table, cells);
  if (ctl_table_get_n_rows (table) > 0)
    ctl_table_print (table, ctx);
  g_print ("%u file(s) checked, %u differ.\n", checked,
           ctl_table_get_n_rows (table));
}

static int
run_verify (CtlContext *ctx,
            CtlObject *session,
            char **paths,
            const VerifyOptions *opts)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) mismatches = NULL;
  guint32 checked;
  g_autofree char *secondary = ctl_session_secondary (session);

  ctl_progress (ctx, "Comparing files of %s and %s on both sides",
                ctl_prop_string (session, "PrimaryVolume"), secondary);
  reply = ctl_call (ctx, session->path, GR_DBUS_INTERFACE_SESSION, "Verify",
                    verify_parameters (ctx, paths, opts),
                    G_VARIANT_TYPE ("(ua(sss))"), &error);
  if (reply == NULL)
    return ctl_fail (ctx, "verifying the session", error);
  g_variant_get (reply, "(u@a(sss))", &checked, &mismatches);
  ctl_output_start (ctx);
  if (ctx->json)
    ctl_print_variant_json (ctx, reply);
  else
    print_mismatches (ctx, checked, mismatches);
  return g_variant_n_children (mismatches) ? CTL_EXIT_FAILURE : CTL_EXIT_OK;
}

static int
set_interval (CtlContext *ctx, CtlObject *session, guint64 seconds)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  GVariantBuilder options;

  ctl_options_init (ctx, &options);
  reply = ctl_call (
      ctx, session->path, GR_DBUS_INTERFACE_SESSION, "SetVerifyInterval",
      g_variant_new ("(ta{sv})", seconds, &options), NULL, &error);
  if (reply == NULL)
    return ctl_fail (ctx, "setting the verify interval", error);
  return CTL_EXIT_OK;
}

int
ctl_verb_verify (CtlContext *ctx, int argc, char **argv)
{
  VerifyOptions opts = { .every = -1 };
  const GOptionEntry entries[] = {
    { "max-files", 0, 0, G_OPTION_ARG_INT, &opts.max_files,
      "Compare at most N files (default 100)", "N" },
    { "time-limit", 0, 0, G_OPTION_ARG_INT, &opts.timeout,
      "Give each side at most S seconds (default 120)", "S" },
    { "every", 0, 0, G_OPTION_ARG_INT, &opts.every,
      "Instead of verifying now, let georepd verify every S seconds "
      "(0: never)",
      "S" },
    CTL_COLUMNS_ENTRY (ctx),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (CtlObject) session = NULL;
  int n, status;

  if (!ctl_parse_options (ctx, entries, &argc, &argv))
    return CTL_EXIT_USAGE;
  if (!ctl_columns_ok (ctx, G_N_ELEMENTS (mismatch_headers), mismatch_headers,
                       &status))
    return status;
  n = ctl_session_arg_count (argc, argv);
  if (n == 0 || opts.max_files < 0 || opts.timeout < 0)
    return ctl_usage (ctx, "expected PRIMARY [[USER@]HOST::SECONDARY] [PATH…]");
  session = ctl_find_session (ctx, argv[1], n == 2 ? argv[2] : NULL, &error);
  if (session == NULL)
    return ctl_fail (ctx, "finding the session", error);
  if (opts.every >= 0)
    return argc == n + 1 ? set_interval (ctx, session, (guint64) opts.every)
                         : ctl_usage (ctx, "--every takes no paths");
  return run_verify (ctx, session, argv + n + 1, &opts);
}
