/* georepctl monitor: prints each change the service announces, as it
 * happens: objects appearing and vanishing (InterfacesAdded/Removed) and
 * property changes (PropertiesChanged) of sessions, destinations and the
 * manager, until interrupted.
 *
 * PropertiesChanged carries only new values and the proxies' caches are
 * already updated when we hear of it, so the monitor keeps its own copy
 * of every property to show "old → new". */
#include <stdio.h>
#include <string.h>

#include <glib-unix.h>

#include "georepctl.h"
#include "gr-generated.h"
#include "gr-names.h"

typedef struct {
  char *interface;   /* "Session", "Destination", "Manager" */
  GHashTable *props; /* name → GVariant */
} Snapshot;

typedef struct {
  CtlContext *ctx;
  GHashTable *snapshots; /* path → Snapshot */
  GMainLoop *loop;
} Monitor;

static void
snapshot_free (Snapshot *snapshot)
{
  g_free (snapshot->interface);
  g_hash_table_unref (snapshot->props);
  g_free (snapshot);
}

static Snapshot *
snapshot_new (GDBusProxy *proxy)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);
  g_auto (GStrv) names = g_dbus_proxy_get_cached_property_names (proxy);
  const char *interface = g_dbus_proxy_get_interface_name (proxy);

  snapshot->interface = g_strdup (interface + strlen (GR_DBUS_NAME "."));
  snapshot->props = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_variant_unref);
  for (guint i = 0; names != NULL && names[i]; i++)
    g_hash_table_insert (snapshot->props, g_strdup (names[i]),
                         g_dbus_proxy_get_cached_property (proxy, names[i]));
  return snapshot;
}

static const char *
snapshot_string (Snapshot *snapshot, const char *name)
{
  GVariant *value = g_hash_table_lookup (snapshot->props, name);

  if (value == NULL || !(g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)))
    return "";
  return g_variant_get_string (value, NULL);
}

static char *
describe (Snapshot *snapshot)
{
  const char *user;

  if (g_str_equal (snapshot->interface, "Session"))
    {
      g_autofree char *secondary =
          ctl_secondary_name (snapshot_string (snapshot, "SecondaryUser"),
                              snapshot_string (snapshot, "SecondaryHost"),
                              snapshot_string (snapshot, "SecondaryVolume"));

      /* Translators: the subject of a monitor line: session PRIMARY
       * SECONDARY. */
      return g_strdup_printf (_ ("session %s %s"),
                              snapshot_string (snapshot, "PrimaryVolume"),
                              secondary);
    }
  if (g_str_equal (snapshot->interface, "Destination"))
    {
      user = snapshot_string (snapshot, "User");
      return g_strdup_printf (_ ("destination %s%s%s"), user, *user ? "@" : "",
                              snapshot_string (snapshot, "Host"));
    }
  return g_strdup (_ ("service"));
}

static gboolean
is_time_us (const char *name)
{
  return g_str_equal (name, "LastTestTime") ||
         g_str_equal (name, "LastRefresh");
}

static gboolean
is_time_s (const char *name)
{
  const char *const names[] = {
    "LastSynced",  "CheckpointTime",  "CheckpointCompletionTime",
    "last-synced", "checkpoint-time", "checkpoint-completion-time",
    NULL
  };

  return g_strv_contains (names, name);
}

/* Volumes, remote volumes, sessions: "a, b", or "-" when empty. */
static char *
format_list (GVariant *value)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (gsize i = 0; i < g_variant_n_children (value); i++)
    {
      g_autoptr (GVariant) item = g_variant_get_child_value (value, i);

      g_string_append_printf (text, "%s%s", i ? ", " : "",
                              g_variant_get_string (item, NULL));
    }
  return g_strdup (text->len ? text->str : "-");
}

static char *
format_value (const char *name, GVariant *value)
{
  if (value == NULL)
    return g_strdup ("-");
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64) && is_time_s (name))
    return ctl_format_time (g_variant_get_uint64 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64) && is_time_us (name))
    return ctl_format_time_us (g_variant_get_uint64 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) ||
      g_variant_is_of_type (value, G_VARIANT_TYPE_OBJECT_PATH))
    return g_strdup (*g_variant_get_string (value, NULL)
                         ? g_variant_get_string (value, NULL)
                         : "-");
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (value) ? _ ("yes") : _ ("no"));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY) ||
      g_variant_is_of_type (value, G_VARIANT_TYPE_OBJECT_PATH_ARRAY))
    return format_list (value);
  return g_variant_print (value, FALSE);
}

static void
print_line (const char *subject, const char *text)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");

  g_print ("%s.%03d  %s: %s\n", stamp, g_date_time_get_microsecond (now) / 1000,
           subject, text);
  /* A pipe would otherwise hold the event back. */
  fflush (stdout);
}

/* An event's object, open for more members. */
static JsonBuilder *
json_event (const char *event, const char *path, Snapshot *snapshot)
{
  JsonBuilder *builder = json_builder_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, stamp);
  json_builder_set_member_name (builder, "event");
  json_builder_add_string_value (builder, event);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "interface");
  json_builder_add_string_value (builder, snapshot ? snapshot->interface : "");
  return builder;
}

static void
json_add_value (JsonBuilder *builder, const char *member, GVariant *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_value (builder, ctl_json_from_variant (value));
  else
    json_builder_add_null_value (builder);
}

/* Events are one line each, a terminal or not. */
static void
json_print_event (JsonBuilder *builder)
{
  g_autoptr (JsonBuilder) owned = builder;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *text = NULL;

  json_builder_end_object (owned);
  node = json_builder_get_root (owned);
  text = ctl_json_to_text (node, FALSE);
  g_print ("%s\n", text);
  fflush (stdout);
}

static GVariant *
snapshot_to_variant (Snapshot *snapshot)
{
  GVariantBuilder builder;
  GHashTableIter iter;
  gpointer name, value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_hash_table_iter_init (&iter, snapshot->props);
  while (g_hash_table_iter_next (&iter, &name, &value))
    g_variant_builder_add (&builder, "{sv}", name, value);
  return g_variant_builder_end (&builder);
}

static void
report_presence (Monitor *monitor,
                 const char *path,
                 Snapshot *snapshot,
                 gboolean appeared)
{
  g_autofree char *subject = describe (snapshot);
  const char *status = snapshot_string (
      snapshot,
      g_str_equal (snapshot->interface, "Session") ? "Status" : "Passwordless");
  g_autofree char *text = NULL;

  if (monitor->ctx->json)
    {
      JsonBuilder *json =
          json_event (appeared ? "added" : "removed", path, snapshot);

      if (appeared)
        json_add_value (json, "properties", snapshot_to_variant (snapshot));
      json_print_event (json);
      return;
    }
  /* Translators: an object appeared (with its state) or vanished. */
  text = appeared
             ? g_strdup_printf (_ ("appeared (%s)"), *status ? status : "-")
             : g_strdup (_ ("vanished"));
  print_line (subject, text);
}

/* Workers are keyed by node and brick; each changed field is a line. */
static char *
worker_key (GVariant *worker)
{
  const char *node = "", *brick = "";

  g_variant_lookup (worker, "primary-node", "&s", &node);
  g_variant_lookup (worker, "primary-brick", "&s", &brick);
  return g_strdup_printf ("%s:%s", node, brick);
}

static GVariant *
find_worker (GVariant *workers, const char *key)
{
  for (gsize i = 0; workers != NULL && i < g_variant_n_children (workers); i++)
    {
      g_autoptr (GVariant) worker = g_variant_get_child_value (workers, i);
      g_autofree char *this_key = worker_key (worker);

      if (g_str_equal (this_key, key))
        return g_steal_pointer (&worker);
    }
  return NULL;
}

static void
report_worker_fields (const char *subject,
                      const char *key,
                      GVariant *old,
                      GVariant *new)
{
  GVariantIter iter;
  const char *field;
  GVariant *value;

  g_variant_iter_init (&iter, new);
  while (g_variant_iter_next (&iter, "{&sv}", &field, &value))
    {
      g_autoptr (GVariant) owned = value;
      g_autoptr (GVariant) before = g_variant_lookup_value (old, field, NULL);
      g_autofree char *a = NULL, *b = NULL, *text = NULL;

      if (before != NULL && g_variant_equal (before, value))
        continue;
      a = format_value (field, before);
      b = format_value (field, value);
      /* Translators: worker NODE:BRICK: FIELD OLD → NEW. */
      text = g_strdup_printf (_ ("worker %s: %s %s → %s"), key, field, a, b);
      print_line (subject, text);
    }
}

static void
report_workers (const char *subject, GVariant *old, GVariant *new)
{
  for (gsize i = 0; i < g_variant_n_children (new); i++)
    {
      g_autoptr (GVariant) worker = g_variant_get_child_value (new, i);
      g_autofree char *key = worker_key (worker);
      g_autoptr (GVariant) before = find_worker (old, key);
      g_autofree char *text = NULL;

      if (before != NULL)
        {
          report_worker_fields (subject, key, before, worker);
          continue;
        }
      text = g_strdup_printf (_ ("worker %s appeared"), key);
      print_line (subject, text);
    }
  for (gsize i = 0; old != NULL && i < g_variant_n_children (old); i++)
    {
      g_autoptr (GVariant) worker = g_variant_get_child_value (old, i);
      g_autofree char *key = worker_key (worker);
      g_autoptr (GVariant) after = find_worker (new, key);
      g_autofree char *text = g_strdup_printf (_ ("worker %s vanished"), key);

      if (after == NULL)
        print_line (subject, text);
    }
}

static void
report_config_key (const char *subject,
                   const char *key,
                   const char *before,
                   const char *after)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (before, after) == 0)
    return;
  /* Translators: config KEY: OLD → NEW. */
  text = g_strdup_printf (_ ("config %s: %s → %s"), key, before ? before : "-",
                          after ? after : "-");
  print_line (subject, text);
}

static void
report_config (const char *subject, GVariant *old, GVariant *new)
{
  GVariantIter iter;
  const char *key, *value;

  g_variant_iter_init (&iter, new);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    {
      const char *before = NULL;

      if (old != NULL)
        g_variant_lookup (old, key, "&s", &before);
      report_config_key (subject, key, before, value);
    }
  if (old == NULL)
    return;
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    if (!g_variant_lookup (new, key, "&s", NULL))
      report_config_key (subject, key, value, NULL);
}

static void
report_change_human (Snapshot *snapshot,
                     const char *name,
                     GVariant *old,
                     GVariant *new)
{
  g_autofree char *subject = describe (snapshot);
  g_autofree char *a = NULL, *b = NULL, *text = NULL;

  /* Every poll changes LastRefresh: noise for people, kept in --json. */
  if (g_str_equal (name, "LastRefresh"))
    return;
  if (g_str_equal (name, "Workers"))
    {
      report_workers (subject, old, new);
      return;
    }
  if (g_str_equal (name, "Config"))
    {
      report_config (subject, old, new);
      return;
    }
  a = format_value (name, old);
  b = format_value (name, new);
  /* Translators: "status" as in "status active → faulty"; the other
   * properties go by their D-Bus names. */
  text = g_strdup_printf (
      "%s %s → %s", g_str_equal (name, "Status") ? _ ("status") : name, a, b);
  print_line (subject, text);
}

static void
report_change (Monitor *monitor,
               const char *path,
               Snapshot *snapshot,
               const char *name,
               GVariant *new)
{
  GVariant *old = g_hash_table_lookup (snapshot->props, name);

  if (old != NULL && g_variant_equal (old, new))
    return;
  if (monitor->ctx->json)
    {
      JsonBuilder *json = json_event ("changed", path, snapshot);

      json_builder_set_member_name (json, "property");
      json_builder_add_string_value (json, name);
      json_add_value (json, "old", old);
      json_add_value (json, "new", new);
      json_print_event (json);
    }
  else
    report_change_human (snapshot, name, old, new);
  g_hash_table_insert (snapshot->props, g_strdup (name), g_variant_ref (new));
}

static void
report_changes (Monitor *monitor, const char *path, GVariant *changed)
{
  Snapshot *snapshot = g_hash_table_lookup (monitor->snapshots, path);
  GVariantIter iter;
  const char *name;
  GVariant *value;

  if (snapshot == NULL)
    return;
  g_variant_iter_init (&iter, changed);
  while (g_variant_iter_next (&iter, "{&sv}", &name, &value))
    {
      g_autoptr (GVariant) owned = value;

      report_change (monitor, path, snapshot, name, value);
    }
}

/* Sessions and destinations come through the object manager; the
 * manager's own interface is followed by its own proxy. */
static GDBusProxy *
watched_proxy (GDBusObject *object)
{
  const char *const names[] = { GR_DBUS_INTERFACE_SESSION,
                                GR_DBUS_INTERFACE_DESTINATION };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GDBusInterface *interface =
          g_dbus_object_get_interface (object, names[i]);

      if (interface != NULL)
        {
          g_object_unref (interface); /* the object keeps it alive */
          return G_DBUS_PROXY (interface);
        }
    }
  return NULL;
}

static void
on_object_added (GDBusObjectManager *manager,
                 GDBusObject *object,
                 Monitor *monitor)
{
  GDBusProxy *proxy = watched_proxy (object);
  const char *path = g_dbus_object_get_object_path (object);
  Snapshot *snapshot;

  if (proxy == NULL)
    return;
  snapshot = snapshot_new (proxy);
  g_hash_table_insert (monitor->snapshots, g_strdup (path), snapshot);
  report_presence (monitor, path, snapshot, TRUE);
}

static void
on_object_removed (GDBusObjectManager *manager,
                   GDBusObject *object,
                   Monitor *monitor)
{
  const char *path = g_dbus_object_get_object_path (object);
  Snapshot *snapshot = g_hash_table_lookup (monitor->snapshots, path);

  if (snapshot == NULL)
    return;
  report_presence (monitor, path, snapshot, FALSE);
  g_hash_table_remove (monitor->snapshots, path);
}

static void
on_properties_changed (GDBusObjectManagerClient *manager,
                       GDBusObjectProxy *object,
                       GDBusProxy *proxy,
                       GVariant *changed,
                       const char *const *invalidated,
                       Monitor *monitor)
{
  report_changes (monitor, g_dbus_proxy_get_object_path (proxy), changed);
}

static void
on_manager_changed (GDBusProxy *proxy,
                    GVariant *changed,
                    const char *const *invalidated,
                    Monitor *monitor)
{
  report_changes (monitor, GR_DBUS_PATH, changed);
}

static void
on_name_owner (GObject *object, GParamSpec *pspec, Monitor *monitor)
{
  g_autofree char *owner = g_dbus_object_manager_client_get_name_owner (
      G_DBUS_OBJECT_MANAGER_CLIENT (object));

  if (monitor->ctx->json)
    {
      JsonBuilder *json = json_event (
          owner ? "service-started" : "service-stopped", GR_DBUS_PATH, NULL);

      json_print_event (json);
    }
  else
    print_line (_ ("service"), owner ? _ ("started") : _ ("stopped"));
}

static gboolean
on_signal (gpointer data)
{
  Monitor *monitor = data;

  g_main_loop_quit (monitor->loop);
  return G_SOURCE_CONTINUE;
}

static void
take_initial_snapshots (Monitor *monitor,
                        GDBusObjectManager *manager,
                        GDBusProxy *service)
{
  GList *objects = g_dbus_object_manager_get_objects (manager);

  for (GList *l = objects; l != NULL; l = l->next)
    {
      GDBusProxy *proxy = watched_proxy (l->data);

      if (proxy != NULL)
        g_hash_table_insert (monitor->snapshots,
                             g_strdup (g_dbus_proxy_get_object_path (proxy)),
                             snapshot_new (proxy));
    }
  g_list_free_full (objects, g_object_unref);
  g_hash_table_insert (monitor->snapshots, g_strdup (GR_DBUS_PATH),
                       snapshot_new (service));
}

static void
connect_signals (Monitor *monitor,
                 GDBusObjectManager *manager,
                 GDBusProxy *service)
{
  g_signal_connect (manager, "object-added", G_CALLBACK (on_object_added),
                    monitor);
  g_signal_connect (manager, "object-removed", G_CALLBACK (on_object_removed),
                    monitor);
  g_signal_connect (manager, "interface-proxy-properties-changed",
                    G_CALLBACK (on_properties_changed), monitor);
  g_signal_connect (manager, "notify::name-owner", G_CALLBACK (on_name_owner),
                    monitor);
  g_signal_connect (service, "g-properties-changed",
                    G_CALLBACK (on_manager_changed), monitor);
  g_unix_signal_add (SIGINT, on_signal, monitor);
  g_unix_signal_add (SIGTERM, on_signal, monitor);
}

static gboolean
open_service (CtlContext *ctx,
              GDBusObjectManager **manager,
              GrManager **service,
              GError **error)
{
  g_autofree char *owner = NULL;

  if (!ctl_connect (ctx, error))
    return FALSE;
  *manager = gr_object_manager_client_new_sync (
      ctx->bus, G_DBUS_OBJECT_MANAGER_CLIENT_FLAGS_NONE, GR_DBUS_NAME,
      GR_DBUS_PATH, NULL, error);
  if (*manager == NULL)
    return FALSE;
  owner = g_dbus_object_manager_client_get_name_owner (
      G_DBUS_OBJECT_MANAGER_CLIENT (*manager));
  if (owner == NULL)
    {
      g_set_error (error, CTL_ERROR, CTL_ERROR_NOT_RUNNING,
                   _ ("The service %s is not running"), GR_DBUS_NAME);
      return FALSE;
    }
  *service =
      gr_manager_proxy_new_sync (ctx->bus, G_DBUS_PROXY_FLAGS_NONE,
                                 GR_DBUS_NAME, GR_DBUS_PATH, NULL, error);
  return *service != NULL;
}

int
ctl_verb_monitor (CtlContext *ctx, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusObjectManager) manager = NULL;
  g_autoptr (GrManager) service = NULL;
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr (GHashTable) snapshots = g_hash_table_new_full (
      g_str_hash, g_str_equal, g_free, (GDestroyNotify) snapshot_free);
  Monitor monitor = { ctx, snapshots, loop };

  if (!ctl_parse_options (ctx, NULL, &argc, &argv))
    return CTL_EXIT_USAGE;
  if (argc != 1)
    return ctl_usage (ctx, _ ("too many arguments"));
  if (!open_service (ctx, &manager, &service, &error))
    return ctl_fail (ctx, _ ("connecting to the service"), error);
  take_initial_snapshots (&monitor, manager, G_DBUS_PROXY (service));
  connect_signals (&monitor, manager, G_DBUS_PROXY (service));
  /* On stderr, so that stdout carries only events; tests wait for it. */
  g_printerr (_ ("Monitoring %s; press Ctrl-C to stop.\n"), GR_DBUS_NAME);
  g_main_loop_run (loop);
  g_signal_handlers_disconnect_by_data (manager, &monitor);
  g_signal_handlers_disconnect_by_data (service, &monitor);
  return CTL_EXIT_OK;
}
