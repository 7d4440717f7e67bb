/* georepctl check: Manager.CheckSecondary's findings for a would-be
 * session, one per line; exit 1 when any of them is an error, so that
 * scripts can check before they create. */
#include "georepctl.h"
#include "gr-names.h"

static GVariant *
check_parameters (CtlContext *ctx,
                  const char *primary,
                  const char *user,
                  const char *host,
                  const char *volume,
                  const CtlSyncOptions *sync)
{
  GVariantBuilder options;

  ctl_options_init (ctx, &options);
  ctl_add_sync_options (&options, sync);
  if (user != NULL)
    g_variant_builder_add (&options, "{sv}", "secondary-user",
                           g_variant_new_string (user));
  return g_variant_new ("(sssa{sv})", primary, host, volume, &options);
}

static const char *const finding_headers[] = { "SEVERITY", "ID", "WHAT TO DO" };

/* Prints the findings; whether one of them is an error. */
static gboolean
print_findings (CtlContext *ctx, GVariant *findings)
{
  g_autoptr (CtlTable) table =
      ctl_table_new (G_N_ELEMENTS (finding_headers), finding_headers);
  gboolean any_error = FALSE;
  const char *cells[3];
  GVariantIter iter;

  g_variant_iter_init (&iter, findings);
  while (
      g_variant_iter_next (&iter, "(&s&s&s)", &cells[1], &cells[0], &cells[2]))
    {
      any_error |= g_str_equal (cells[0], "error");
      ctl_table_add_row (table, cells);
    }
  ctl_output_start (ctx);
  if (ctx->json)
    ctl_print_variant_json (ctx, findings);
  else if (ctl_table_get_n_rows (table) == 0)
    g_print ("No findings: the secondary is eligible.\n");
  else
    ctl_table_print (table, ctx);
  return any_error;
}

int
ctl_verb_check (CtlContext *ctx, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *user = NULL, *host = NULL, *volume = NULL, *what = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) findings = NULL;
  g_auto (CtlSyncOptions) sync = { 0 };
  const GOptionEntry entries[] = { CTL_SYNC_OPTION_ENTRIES (sync),
                                   CTL_COLUMNS_ENTRY (ctx),
                                   G_OPTION_ENTRY_NULL };
  int status;

  if (!ctl_parse_options (ctx, entries, &argc, &argv))
    return CTL_EXIT_USAGE;
  if (!ctl_columns_ok (ctx, G_N_ELEMENTS (finding_headers), finding_headers,
                       &status))
    return status;
  if (argc != 3)
    return ctl_usage (ctx, "expected PRIMARY [USER@]HOST::SECONDARY");
  if (!ctl_parse_secondary (argv[2], &user, &host, &volume, &error))
    return ctl_usage (ctx, "%s", error->message);
  what = g_strdup_printf ("checking %s %s", argv[1], argv[2]);
  reply =
      ctl_call (ctx, GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, "CheckSecondary",
                check_parameters (ctx, argv[1], user, host, volume, &sync),
                G_VARIANT_TYPE ("(a(sss))"), &error);
  if (reply == NULL)
    return ctl_fail (ctx, what, error);
  findings = g_variant_get_child_value (reply, 0);
  return print_findings (ctx, findings) ? CTL_EXIT_FAILURE : CTL_EXIT_OK;
}
