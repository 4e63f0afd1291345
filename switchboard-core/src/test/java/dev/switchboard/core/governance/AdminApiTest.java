package dev.switchboard.core.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.auth.StaticKeyResolver;
import dev.switchboard.core.auth.VirtualKeyResolver;
import dev.switchboard.core.pipeline.Principal;
import dev.switchboard.core.store.Database;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AdminApiTest {

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void createTeamAndKey_secretShownOnce_storedOnlyAsHash(Database.Kind kind) throws Exception {
    try (GovernanceFixture f = new GovernanceFixture(kind)) {
      assertThat(f.call("POST", "/admin/teams", "{\"id\":\"search\",\"name\":\"Search\","
          + "\"limits\":{\"requests_per_minute\":600},\"budgets\":[{\"window\":\"monthly\",\"max_usd\":500}]}")
          .status()).isEqualTo(201);
      AdminResponse created = f.call("POST", "/admin/keys", "{\"name\":\"search-prod\",\"team\":\"search\","
          + "\"models\":[\"gpt-4o-mini\"],\"limits\":{\"requests_per_minute\":60,\"tokens_per_minute\":100000,"
          + "\"max_concurrent\":5},\"budgets\":[{\"window\":\"daily\",\"max_usd\":10,\"soft_usd\":8}],"
          + "\"expires_at\":\"2030-01-01T00:00:00Z\",\"metadata\":{\"owner\":\"ana\"},\"tags\":[\"prod\"]}");
      assertThat(created.status()).isEqualTo(201);
      String secret = created.body().path("key").asText();
      String id = created.body().path("id").asText();
      assertThat(secret).startsWith("sk-sb-").hasSizeGreaterThan(40);
      assertThat(created.body().path("hint").asText()).endsWith(secret.substring(secret.length() - 4));
      assertThat(created.body().has("hash")).isFalse();

      AdminResponse fetched = f.call("GET", "/admin/keys/" + id, null);
      assertThat(fetched.body().toString()).doesNotContain(secret);
      assertThat(fetched.body().path("limits").path("max_concurrent").asInt()).isEqualTo(5);
      assertThat(fetched.body().path("budgets").get(0).path("soft_usd").asDouble()).isEqualTo(8.0);
      assertThat(f.call("GET", "/admin/keys", null).body().toString()).doesNotContain(secret);

      String stored = f.database.submit(AdminApiTest::dump).get(30, TimeUnit.SECONDS);
      assertThat(stored).contains(StaticKeyResolver.digest(secret)).doesNotContain(secret);

      Principal principal = f.keys.findByDigest(StaticKeyResolver.digest(secret)).await(30, TimeUnit.SECONDS)
          .principal();
      assertThat(principal.team()).isEqualTo("search");
      assertThat(principal.models()).containsExactly("gpt-4o-mini");
      assertThat(principal.quotas()).extracting(q -> q.scope()).containsExactly("key:" + id, "team:search");
    }
  }

  private static String dump(java.sql.Connection c) throws java.sql.SQLException {
    StringBuilder all = new StringBuilder();
    var meta = c.getMetaData();
    try (var tables = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
      while (tables.next()) {
        String table = tables.getString("TABLE_NAME");
        if (!table.startsWith("sbt")) {
          continue;
        }
        try (var s = c.createStatement(); var rows = s.executeQuery("SELECT * FROM " + table)) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int i = 1; i <= columns; i++) {
              all.append(rows.getString(i)).append('|');
            }
          }
        }
      }
    }
    return all.toString();
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void rotateAndRevoke_oldSecretsStopResolving(Database.Kind kind) throws Exception {
    try (GovernanceFixture f = new GovernanceFixture(kind)) {
      VirtualKeyResolver resolver = new VirtualKeyResolver(f.keys, f.clock, Duration.ofMinutes(5), f.bus);
      AdminResponse created = f.call("POST", "/admin/keys", "{\"name\":\"k\"}");
      String first = created.body().path("key").asText();
      String id = created.body().path("id").asText();
      assertThat(resolve(resolver, first)).isNotNull();

      AdminResponse rotated = f.call("POST", "/admin/keys/" + id + "/rotate", null);
      String second = rotated.body().path("key").asText();
      assertThat(second).isNotEqualTo(first);
      assertThat(resolve(resolver, first)).isNull();
      assertThat(resolve(resolver, second).keyId()).isEqualTo(id);

      assertThat(f.call("POST", "/admin/keys/" + id + "/revoke", null).body().path("revoked_at").isNull())
          .isFalse();
      assertThat(resolve(resolver, second)).isNull();
      assertThat(f.call("POST", "/admin/keys/" + id + "/rotate", null).status()).isEqualTo(404);
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void expiredKey_stopsResolvingWhenTheClockPassesExpiry(Database.Kind kind) throws Exception {
    try (GovernanceFixture f = new GovernanceFixture(kind)) {
      VirtualKeyResolver resolver = new VirtualKeyResolver(f.keys, f.clock, Duration.ofMinutes(5), f.bus);
      long expiry = f.clock.epochMillis() + 60_000;
      String secret = f.call("POST", "/admin/keys", "{\"expires_at\":" + expiry + "}").body().path("key").asText();
      assertThat(resolve(resolver, secret)).isNotNull();
      f.clock.advanceMillis(60_000);
      assertThat(resolve(resolver, secret)).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void updateKey_changesLimitsAndInvalidatesTheCache(Database.Kind kind) throws Exception {
    try (GovernanceFixture f = new GovernanceFixture(kind)) {
      VirtualKeyResolver resolver = new VirtualKeyResolver(f.keys, f.clock, Duration.ofMinutes(5), f.bus);
      AdminResponse created = f.call("POST", "/admin/keys", "{\"models\":[\"a\"]}");
      String secret = created.body().path("key").asText();
      assertThat(resolve(resolver, secret).models()).containsExactly("a");
      f.call("PATCH", "/admin/keys/" + created.body().path("id").asText(), "{\"models\":[\"b\",\"c\"]}");
      assertThat(resolve(resolver, secret).models()).containsExactly("b", "c");
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void customers_areScopedToTheirTeam_andTeamsWithKeysCannotBeDeleted(Database.Kind kind) throws Exception {
    try (GovernanceFixture f = new GovernanceFixture(kind)) {
      f.call("POST", "/admin/teams", "{\"id\":\"t1\"}");
      assertThat(f.call("POST", "/admin/customers", "{\"id\":\"acme\",\"team\":\"nope\"}").status())
          .isEqualTo(400);
      AdminResponse customer = f.call("POST", "/admin/customers", "{\"id\":\"acme\",\"team\":\"t1\","
          + "\"budgets\":[{\"window\":\"total\",\"max_usd\":1}]}");
      assertThat(customer.status()).isEqualTo(201);
      assertThat(f.call("POST", "/admin/customers", "{\"id\":\"acme\",\"team\":\"t1\"}").status()).isEqualTo(409);
      assertThat(f.call("GET", "/admin/customers/t1/acme", null).body().path("team").asText()).isEqualTo("t1");
      String secret = f.call("POST", "/admin/keys", "{\"team\":\"t1\"}").body().path("key").asText();
      Principal principal = f.keys.findByDigest(StaticKeyResolver.digest(secret)).await(30, TimeUnit.SECONDS)
          .principal().withCustomer("acme");
      assertThat(f.keys.extraQuotas(principal, "m").await(30, TimeUnit.SECONDS))
          .extracting(q -> q.scope()).containsExactly("customer:t1/acme");
      assertThat(f.call("DELETE", "/admin/teams/t1", null).status()).isEqualTo(409);
      assertThat(f.call("POST", "/admin/keys", "{\"team\":\"ghost\"}").status()).isEqualTo(400);
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void credentials_areWriteOnly_encryptedAtRest_andRotatable(Database.Kind kind) throws Exception {
    try (GovernanceFixture f = new GovernanceFixture(kind)) {
      AdminResponse put = f.call("PUT", "/admin/credentials/openai-prod",
          "{\"api_key\":\"" + CredentialCipherTest.PROVIDER_KEY + "\"}");
      assertThat(put.status()).isEqualTo(200);
      assertThat(f.call("GET", "/admin/credentials", null).body().path("data").get(0).path("name").asText())
          .isEqualTo("openai-prod");
      String rows = f.database.submit(AdminApiTest::dump).get(30, TimeUnit.SECONDS);
      assertThat(rows).contains("openai-prod").doesNotContain("LEAKCANARY");
      assertThat(f.vault.reveal("openai-prod").await(30, TimeUnit.SECONDS))
          .isEqualTo(CredentialCipherTest.PROVIDER_KEY);
      assertThat(f.call("POST", "/admin/credentials/rotate", null).body().path("reencrypted").asInt()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void badInput_and_wrongAdminKey_getOpenAiShapedErrors(Database.Kind kind) throws Exception {
    try (GovernanceFixture f = new GovernanceFixture(kind)) {
      AdminResponse unauthorised = f.callAs("wrong-key-wrong-key-00", "GET", "/admin/keys", null);
      assertThat(unauthorised.status()).isEqualTo(401);
      assertThat(f.callAs(null, "GET", "/admin/keys", null).status()).isEqualTo(401);
      assertThat(f.callAs(null, "GET", "/admin/nothing", null).status()).isEqualTo(401);
      AdminResponse bad = f.call("POST", "/admin/keys", "{\"limits\":{\"requests_per_minute\":-1}}");
      assertThat(bad.status()).isEqualTo(400);
      JsonNode error = bad.body().path("error");
      assertThat(error.path("message").asText()).contains("limits.requests_per_minute");
      assertThat(f.call("POST", "/admin/keys", "{\"budgets\":[{\"window\":\"yearly\",\"max_usd\":1}]}")
          .body().path("error").path("message").asText()).contains("budgets[0]");
      assertThat(f.call("GET", "/admin/keys/nope", null).status()).isEqualTo(404);
      assertThat(f.call("PUT", "/admin/keys", null).status()).isEqualTo(405);
      assertThat(f.call("GET", "/admin/../etc/passwd", null).status()).isEqualTo(404);
    }
  }

  private static Principal resolve(VirtualKeyResolver resolver, String secret) throws Exception {
    return resolver.resolve(secret).await(30, TimeUnit.SECONDS);
  }
}
