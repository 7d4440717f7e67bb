/* georepctl events register|unregister: georepd's webhook for gluster's
 * events (Manager.RegisterEventsWebhook), so that every node's
 * glustereventsd tells this georepd of its workers at once. */
#include "config.h"

#include "georepctl.h"
#include "gr-names.h"

/* The options both take; --jwt is for register only. */
static int
call_webhook (CtlContext *ctx,
              int argc,
              char **argv,
              const char *method,
              gboolean unregister)
{
  g_autofree char *address = NULL;
  gboolean jwt = FALSE;
  const GOptionEntry entries[] = {
    { "address", 0, 0, G_OPTION_ARG_STRING, &address,
      N_ ("This node's address that the other nodes reach (default: "
          "EventsListenAddress)"),
      "ADDRESS" },
    { "jwt", 0, 0, G_OPTION_ARG_NONE, &jwt,
      N_ ("Have gluster sign each post (webhook-add --secret; broken in "
          "gluster 10.3 on Debian 12)"),
      NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  const char *url = NULL;
  GVariantBuilder options;

  if (!ctl_parse_options (ctx, entries, &argc, &argv))
    return CTL_EXIT_USAGE;
  if (argc != 1)
    return ctl_usage (ctx, _ ("too many arguments"));
  if (unregister && jwt)
    return ctl_usage (ctx, _ ("--jwt is for register only"));
  ctl_options_init (ctx, &options);
  if (address != NULL)
    g_variant_builder_add (&options, "{sv}", "address",
                           g_variant_new_string (address));
  if (jwt)
    g_variant_builder_add (&options, "{sv}", "jwt",
                           g_variant_new_boolean (TRUE));
  reply = ctl_call (ctx, GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, method,
                    g_variant_new ("(a{sv})", &options), NULL, &error);
  if (reply == NULL)
    return ctl_fail (ctx,
                     unregister ? _ ("unregistering the webhook")
                                : _ ("registering the webhook"),
                     error);
  if (g_variant_is_of_type (reply, G_VARIANT_TYPE ("(s)")))
    {
      g_variant_get (reply, "(&s)", &url);
      g_print (_ ("Registered %s\n"), url);
    }
  return CTL_EXIT_OK;
}

static int
events_register (CtlContext *ctx, int argc, char **argv)
{
  return call_webhook (ctx, argc, argv, "RegisterEventsWebhook", FALSE);
}

static int
events_unregister (CtlContext *ctx, int argc, char **argv)
{
  return call_webhook (ctx, argc, argv, "UnregisterEventsWebhook", TRUE);
}

static const CtlVerb events_verbs[] = {
  { "register", "[--address=ADDRESS] [--jwt]",
    N_ ("Register georepd's webhook with gluster-eventsapi, for every "
        "node's events"),
    events_register },
  { "unregister", "[--address=ADDRESS]", N_ ("Remove georepd's webhook"),
    events_unregister },
};

int
ctl_verb_events (CtlContext *ctx, int argc, char **argv)
{
  const char *name = argc > 1 ? argv[1] : "";

  for (guint i = 0; i < G_N_ELEMENTS (events_verbs); i++)
    if (g_str_equal (events_verbs[i].name, name))
      return ctl_run_verb (ctx, &events_verbs[i], "events", argc - 1, argv + 1);
  if (g_str_has_prefix (name, "-"))
    {
      if (!ctl_parse_options (ctx, NULL, &argc, &argv))
        return CTL_EXIT_USAGE;
      if (argc > 1 && g_str_has_prefix (argv[1], "-"))
        return ctl_usage (ctx, _ ("unknown verb '%s'"), argv[1]);
      if (argc > 1)
        return ctl_verb_events (ctx, argc, argv);
    }
  return ctl_usage (ctx, _ ("expected %s"), "register|unregister");
}
