/* Snapshot files, hints, time travel, commit and tags. */
#include "core/snapshot.h"
#include "corpus_files.h"
#include "test.h"
#include "util/mem.h"

#include <stdlib.h>
#include <string.h>

TEST(corpus_snapshots_round_trip_byte_for_byte) {
    glob_t g;
    if (!corpus_glob("*/*.db/*/snapshot/snapshot-*", &g))
        SKIP("compat corpus not available");
    CHECK(g.gl_pathc >= 88);
    size_t with_index = 0, with_row_id = 0;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        const char *path = g.gl_pathv[i];
        size_t len;
        uint8_t *text = pm_test_read_file(path, &len);
        CHECK(text != NULL);
        paimon_error err;
        pm_snapshot *s = NULL;
        CHECK_OK(pm_snapshot_parse((const char *)text, len, path, &s, &err), &err);
        CHECK_EQ_INT(s->id, atoll(corpus_base(path) + strlen("snapshot-")));
        CHECK_EQ_INT(s->version, 3);
        CHECK(s->has_total_record_count && s->has_delta_record_count);
        CHECK(s->changelog_manifest_list == NULL);
        with_index += s->index_manifest != NULL;
        with_row_id += s->has_next_row_id;
        pm_buf out = PM_BUF_INIT;
        CHECK_OK(pm_snapshot_to_json(s, &out, &err), &err);
        if (out.len != len || memcmp(out.data, text, len) != 0)
            fprintf(stderr, "%s differs:\n%.*s\n", path, (int)out.len, (const char *)out.data);
        CHECK_EQ_INT(out.len, len);
        CHECK_EQ_MEM(out.data, text, len);
        pm_snapshot *again = NULL;
        CHECK_OK(pm_snapshot_parse((const char *)out.data, out.len, "again", &again, &err), &err);
        CHECK_EQ_INT(again->total_record_count, s->total_record_count);
        CHECK_EQ_STR(again->base_manifest_list, s->base_manifest_list);
        CHECK_EQ_INT(again->commit_kind, s->commit_kind);
        pm_snapshot_free(again);
        pm_snapshot_free(s);
        pm_buf_dispose(&out);
        free(text);
    }
    globfree(&g);
    CHECK_EQ_INT(with_index, 13);
    CHECK_EQ_INT(with_row_id, 39);
}

/* The hints of every corpus table agree with the listing, and time travel finds each snapshot
 * by its own commit time. */
TEST(corpus_hints_and_time_travel) {
    glob_t g;
    if (!corpus_glob("*/*.db/*/snapshot", &g))
        SKIP("compat corpus not available");
    CHECK_EQ_INT(g.gl_pathc, 30);
    pm_fs *fs;
    paimon_error err;
    CHECK_OK(pm_fs_local_new(&fs, &err), &err);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        char table[4096];
        snprintf(table, sizeof table, "%s", g.gl_pathv[i]);
        *strrchr(table, '/') = '\0';
        int64_t *ids;
        size_t n;
        CHECK_OK(pm_snapshot_list_ids(fs, table, &ids, &n, &err), &err);
        CHECK(n > 0);
        int64_t latest, earliest;
        bool found;
        CHECK_OK(pm_snapshot_latest_id(fs, table, &latest, &found, &err), &err);
        CHECK(found);
        CHECK_EQ_INT(latest, ids[n - 1]);
        CHECK_OK(pm_snapshot_earliest_id(fs, table, &earliest, &found, &err), &err);
        CHECK(found);
        CHECK_EQ_INT(earliest, ids[0]);
        char hint_path[4200];
        snprintf(hint_path, sizeof hint_path, "%s/snapshot/LATEST", table);
        size_t hl;
        uint8_t *hint = pm_test_read_file(hint_path, &hl);
        CHECK(hint != NULL);
        CHECK_EQ_INT(atoll((const char *)hint), latest);
        free(hint);
        snprintf(hint_path, sizeof hint_path, "%s/snapshot/EARLIEST", table);
        hint = pm_test_read_file(hint_path, &hl);
        CHECK(hint != NULL);
        CHECK_EQ_INT(atoll((const char *)hint), earliest);
        free(hint);
        for (size_t k = 0; k < n; k++) {
            pm_snapshot *s;
            CHECK_OK(pm_snapshot_load(fs, table, ids[k], &s, &err), &err);
            int64_t at;
            CHECK_OK(pm_snapshot_at_or_before(fs, table, s->time_millis, &at, &found, &err),
                     &err);
            CHECK(found);
            CHECK_EQ_INT(at, ids[k]);
            CHECK_OK(pm_snapshot_at_or_before(fs, table, s->time_millis - 1, &at, &found, &err),
                     &err);
            CHECK(k == 0 ? !found : (found && at == ids[k - 1]));
            pm_snapshot_free(s);
        }
        pm_free(ids);
    }
    pm_fs_release(fs);
    globfree(&g);
}

static const char *SNAP_JSON =
    "{\"version\":3,\"id\":%d,\"schemaId\":0,\"baseManifestList\":\"b\","
    "\"deltaManifestList\":\"d\",\"commitUser\":\"u\",\"commitIdentifier\":9223372036854775807,"
    "\"commitKind\":\"%s\",\"timeMillis\":%d,\"totalRecordCount\":1,\"deltaRecordCount\":1}";

static pm_snapshot *make_snapshot(int id, const char *kind, int time) {
    char text[1024];
    snprintf(text, sizeof text, SNAP_JSON, id, kind, time);
    pm_snapshot *s = NULL;
    paimon_error err;
    if (pm_snapshot_parse(text, strlen(text), "test", &s, &err) != PAIMON_OK)
        fprintf(stderr, "%s\n", err.message);
    return s;
}

TEST(null_and_absent_members) {
    const char *with_nulls =
        "{\"version\":3,\"id\":1,\"schemaId\":0,\"baseManifestList\":\"b\","
        "\"deltaManifestList\":\"d\",\"changelogManifestList\":null,\"indexManifest\":null,"
        "\"commitUser\":\"u\",\"commitIdentifier\":1,\"commitKind\":\"OVERWRITE\","
        "\"timeMillis\":2,\"totalRecordCount\":null,\"deltaRecordCount\":0,"
        "\"changelogRecordCount\":null,\"watermark\":-9223372036854775808,\"statistics\":null}";
    paimon_error err;
    pm_snapshot *s;
    CHECK_OK(pm_snapshot_parse(with_nulls, strlen(with_nulls), "x", &s, &err), &err);
    CHECK(!s->has_total_record_count);
    CHECK(!s->has_changelog_record_count);
    CHECK(s->has_watermark);
    CHECK_EQ_INT(s->watermark, INT64_MIN);
    CHECK(s->index_manifest == NULL);
    CHECK_EQ_INT(s->commit_kind, PM_COMMIT_OVERWRITE);
    pm_buf out = PM_BUF_INIT;
    CHECK_OK(pm_snapshot_to_json(s, &out, &err), &err);
    const char *expected = "{\n"
                           "  \"version\" : 3,\n"
                           "  \"id\" : 1,\n"
                           "  \"schemaId\" : 0,\n"
                           "  \"baseManifestList\" : \"b\",\n"
                           "  \"deltaManifestList\" : \"d\",\n"
                           "  \"changelogManifestList\" : null,\n"
                           "  \"indexManifest\" : null,\n"
                           "  \"commitUser\" : \"u\",\n"
                           "  \"commitIdentifier\" : 1,\n"
                           "  \"commitKind\" : \"OVERWRITE\",\n"
                           "  \"timeMillis\" : 2,\n"
                           "  \"totalRecordCount\" : null,\n"
                           "  \"deltaRecordCount\" : 0,\n"
                           "  \"changelogRecordCount\" : null,\n"
                           "  \"watermark\" : -9223372036854775808,\n"
                           "  \"statistics\" : null\n"
                           "}";
    CHECK_EQ_STR(pm_buf_cstr(&out), expected);
    /* Values set later are written; the nulls they replace are gone. */
    s->has_changelog_record_count = true;
    s->changelog_record_count = 4;
    pm_buf_clear(&out);
    CHECK_OK(pm_snapshot_to_json(s, &out, &err), &err);
    CHECK(strstr(pm_buf_cstr(&out), "\"changelogRecordCount\" : 4,\n") != NULL);
    pm_snapshot_free(s);

    /* Absent optional members stay absent. */
    s = make_snapshot(7, "ANALYZE", 5);
    CHECK(s != NULL);
    CHECK_EQ_INT(s->commit_kind, PM_COMMIT_ANALYZE);
    CHECK_EQ_INT(s->commit_identifier, INT64_MAX);
    pm_buf_clear(&out);
    CHECK_OK(pm_snapshot_to_json(s, &out, &err), &err);
    CHECK(strstr(pm_buf_cstr(&out), "changelog") == NULL);
    CHECK(strstr(pm_buf_cstr(&out), "watermark") == NULL);
    CHECK(strstr(pm_buf_cstr(&out), "\"commitIdentifier\" : 9223372036854775807,") != NULL);
    pm_snapshot_free(s);
    pm_buf_dispose(&out);
}

TEST(unknown_and_newer_members_keep_their_place) {
    const char *text =
        "{\"zeta\":[true,{\"k\":1.5}],\"operation\":\"MERGE\",\"version\":3,\"id\":3,"
        "\"schemaId\":1,\"baseManifestList\":\"b\",\"deltaManifestList\":\"d\","
        "\"commitUser\":\"u\",\"commitIdentifier\":2,\"commitKind\":\"COMPACT\","
        "\"timeMillis\":10,\"totalRecordCount\":5,\"deltaRecordCount\":-2,"
        "\"properties\":{\"a\":\"b\"},\"uuid\":\"0-1\",\"writerVersion\":\"2.1\","
        "\"nextRowId\":17}";
    paimon_error err;
    pm_snapshot *s;
    CHECK_OK(pm_snapshot_parse(text, strlen(text), "x", &s, &err), &err);
    CHECK_EQ_INT(s->next_row_id, 17);
    pm_buf out = PM_BUF_INIT;
    CHECK_OK(pm_snapshot_to_json(s, &out, &err), &err);
    const char *expected = "{\n"
                           "  \"version\" : 3,\n"
                           "  \"uuid\" : \"0-1\",\n"
                           "  \"id\" : 3,\n"
                           "  \"schemaId\" : 1,\n"
                           "  \"baseManifestList\" : \"b\",\n"
                           "  \"deltaManifestList\" : \"d\",\n"
                           "  \"commitUser\" : \"u\",\n"
                           "  \"writerVersion\" : \"2.1\",\n"
                           "  \"commitIdentifier\" : 2,\n"
                           "  \"commitKind\" : \"COMPACT\",\n"
                           "  \"timeMillis\" : 10,\n"
                           "  \"totalRecordCount\" : 5,\n"
                           "  \"deltaRecordCount\" : -2,\n"
                           "  \"properties\" : {\n"
                           "    \"a\" : \"b\"\n"
                           "  },\n"
                           "  \"nextRowId\" : 17,\n"
                           "  \"operation\" : \"MERGE\",\n"
                           "  \"zeta\" : [ true, {\n"
                           "    \"k\" : 1.5\n"
                           "  } ]\n"
                           "}";
    CHECK_EQ_STR(pm_buf_cstr(&out), expected);
    pm_buf_dispose(&out);
    pm_snapshot_free(s);
}

static void expect_error(const char *text, const char *needle) {
    paimon_error err;
    pm_snapshot *s = NULL;
    int rc = pm_snapshot_parse(text, strlen(text), "t/snapshot/snapshot-4", &s, &err);
    if (rc == PAIMON_OK)
        pm_snapshot_free(s);
    CHECK_ERR(rc, PAIMON_ECORRUPT, &err);
    if (strstr(err.message, needle) == NULL)
        fprintf(stderr, "message: %s\n", err.message);
    CHECK(strstr(err.message, "t/snapshot/snapshot-4: ") == err.message);
    CHECK(strstr(err.message, needle) != NULL);
}

TEST(errors_name_file_and_problem) {
    expect_error("{\"version\":3,\"id\":1,\"schemaId\":0,\"baseManifestList\":\"b\","
                 "\"deltaManifestList\":\"d\",\"commitIdentifier\":1,\"commitKind\":\"APPEND\","
                 "\"timeMillis\":2}",
                 "missing required member \"commitUser\"");
    expect_error("{\"version\":3,\"id\":1,\"schemaId\":0,\"baseManifestList\":\"b\","
                 "\"deltaManifestList\":\"d\",\"commitUser\":\"u\",\"commitIdentifier\":1,"
                 "\"commitKind\":\"MERGE\",\"timeMillis\":2}",
                 "unknown commitKind \"MERGE\"");
    expect_error("{\"version\":3,\"id\":1,\"schemaId\":0,\"baseManifestList\":7}",
                 "member \"baseManifestList\" must be a string, not an integer");
    expect_error("{\"version\":3,\"id\":1,\"schemaId\":0,\"baseManifestList\":\"b\","
                 "\"deltaManifestList\":\"d\",\"commitUser\":\"u\",\"commitIdentifier\":1,"
                 "\"commitKind\":\"APPEND\",\"timeMillis\":2,\"watermark\":\"x\"}",
                 "member \"watermark\" must be an integer");
    expect_error("{\"version\":3,\"id\":1,", "malformed JSON");
    expect_error("{\"version\":3,\"id\":99999999999999999999}", "malformed JSON");
    expect_error("\"snapshot\"", "expected a JSON object");
}

static void write_text(pm_fs *fs, const char *path, const char *text) {
    paimon_error err;
    CHECK_OK(pm_fs_write_file(fs, path, text, strlen(text), PM_WRITE_REPLACE, &err), &err);
}

TEST(hints_as_java_uses_them) {
    pm_fs *fs;
    paimon_error err;
    CHECK_OK(pm_fs_mem_new(&fs, NULL), NULL);
    int64_t id;
    bool found;
    CHECK_OK(pm_snapshot_latest_id(fs, "/t", &id, &found, &err), &err);
    CHECK(!found);
    CHECK_OK(pm_snapshot_earliest_id(fs, "/t", &id, &found, &err), &err);
    CHECK(!found);
    for (int i = 2; i <= 4; i++) {
        pm_snapshot *s = make_snapshot(i, "APPEND", i * 100);
        CHECK_OK(pm_snapshot_commit(fs, "/t", s, &err), &err);
        pm_snapshot_free(s);
    }
    /* commit wrote LATEST */
    pm_buf text = PM_BUF_INIT;
    CHECK_OK(pm_fs_read_all(fs, "/t/snapshot/LATEST", &text, 0, &err), &err);
    CHECK_EQ_INT(text.len, 1);
    CHECK_EQ_MEM(text.data, "4", 1);
    CHECK_OK(pm_snapshot_latest_id(fs, "/t", &id, &found, &err), &err);
    CHECK(found);
    CHECK_EQ_INT(id, 4);
    /* stale LATEST: snapshot 3 + 1 exists, so list */
    write_text(fs, "/t/snapshot/LATEST", "3");
    CHECK_OK(pm_snapshot_latest_id(fs, "/t", &id, &found, &err), &err);
    CHECK_EQ_INT(id, 4);
    /* garbage or empty LATEST: list */
    write_text(fs, "/t/snapshot/LATEST", "");
    CHECK_OK(pm_snapshot_latest_id(fs, "/t", &id, &found, &err), &err);
    CHECK_EQ_INT(id, 4);
    write_text(fs, "/t/snapshot/LATEST", "4\n");
    CHECK_OK(pm_snapshot_latest_id(fs, "/t", &id, &found, &err), &err);
    CHECK_EQ_INT(id, 4);
    /* LATEST ahead of a deleted snapshot: Java trusts it when the next one is absent */
    write_text(fs, "/t/snapshot/LATEST", "9");
    CHECK_OK(pm_snapshot_latest_id(fs, "/t", &id, &found, &err), &err);
    CHECK_EQ_INT(id, 9);
    /* EARLIEST: absent -> min listed; pointing at an expired snapshot -> min listed */
    CHECK_OK(pm_snapshot_earliest_id(fs, "/t", &id, &found, &err), &err);
    CHECK_EQ_INT(id, 2);
    write_text(fs, "/t/snapshot/EARLIEST", "1");
    CHECK_OK(pm_snapshot_earliest_id(fs, "/t", &id, &found, &err), &err);
    CHECK_EQ_INT(id, 2);
    write_text(fs, "/t/snapshot/EARLIEST", "3");
    CHECK_OK(pm_snapshot_earliest_id(fs, "/t", &id, &found, &err), &err);
    CHECK_EQ_INT(id, 3);
    /* listing skips hints and temporary names */
    write_text(fs, "/t/snapshot/.snapshot-5.abc.tmp", "{}");
    write_text(fs, "/t/snapshot/snapshot-5abc.tmp", "{}");
    int64_t *ids;
    size_t n;
    CHECK_OK(pm_snapshot_list_ids(fs, "/t", &ids, &n, &err), &err);
    CHECK_EQ_INT(n, 3);
    CHECK_EQ_INT(ids[0], 2);
    CHECK_EQ_INT(ids[2], 4);
    pm_free(ids);
    /* publishing an existing id fails */
    pm_snapshot *dup = make_snapshot(4, "APPEND", 1);
    CHECK_ERR(pm_snapshot_commit(fs, "/t", dup, &err), PAIMON_EEXISTS, &err);
    pm_snapshot_free(dup);
    pm_snapshot *s;
    CHECK_ERR(pm_snapshot_load(fs, "/t", 12, &s, &err), PAIMON_ENOTFOUND, &err);
    pm_buf_dispose(&text);
    pm_fs_release(fs);
}

TEST(time_travel_matches_java_search) {
    pm_fs *fs;
    paimon_error err;
    CHECK_OK(pm_fs_mem_new(&fs, NULL), NULL);
    int times[] = {100, 200, 200, 300, 400};
    for (int i = 0; i < 5; i++) {
        pm_snapshot *s = make_snapshot(i + 1, "APPEND", times[i]);
        CHECK_OK(pm_snapshot_commit(fs, "/t", s, &err), &err);
        pm_snapshot_free(s);
    }
    struct {
        int t;
        bool found;
        int id;
    } cases[] = {{50, false, 0}, {100, true, 1}, {150, true, 1}, {200, true, 3},
                 {250, true, 3}, {399, true, 4}, {400, true, 5}, {5000, true, 5}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t id = -1;
        bool found;
        CHECK_OK(pm_snapshot_at_or_before(fs, "/t", cases[i].t, &id, &found, &err), &err);
        CHECK_EQ_INT(found, cases[i].found);
        if (found)
            CHECK_EQ_INT(id, cases[i].id);
    }
    pm_fs_release(fs);
}

TEST(tags_create_load_list) {
    pm_fs *fs;
    paimon_error err;
    CHECK_OK(pm_fs_mem_new(&fs, NULL), NULL);
    char **names;
    size_t n;
    CHECK_OK(pm_tag_list(fs, "/t", &names, &n, &err), &err);
    CHECK_EQ_INT(n, 0);
    pm_snapshot *s = make_snapshot(3, "APPEND", 1000);
    pm_tag_meta meta = {0};
    meta.has_create_time = true;
    meta.create_time_millis = 1704110400123LL; /* 2024-01-01T12:00:00.123 */
    meta.create_time_nanos = 0;
    meta.has_time_retained = true;
    meta.time_retained_ms = 3600000;
    CHECK_OK(pm_tag_create(fs, "/t", "daily", s, &meta, &err), &err);
    CHECK_OK(pm_tag_create(fs, "/t", "plain", s, NULL, &err), &err);
    CHECK_ERR(pm_tag_create(fs, "/t", "daily", s, NULL, &err), PAIMON_EEXISTS, &err);
    CHECK_ERR(pm_tag_create(fs, "/t", "a/b", s, NULL, &err), PAIMON_EINVAL, &err);
    pm_buf text = PM_BUF_INIT;
    CHECK_OK(pm_fs_read_all(fs, "/t/tag/tag-daily", &text, 0, &err), &err);
    const char *tail = "  \"deltaRecordCount\" : 1,\n"
                       "  \"tagCreateTime\" : [ 2024, 1, 1, 12, 0, 0, 123000000 ],\n"
                       "  \"tagTimeRetained\" : 3600.000000000\n"
                       "}";
    CHECK(text.len > strlen(tail));
    CHECK_EQ_STR((const char *)text.data + text.len - strlen(tail), tail);
    pm_snapshot *tag;
    CHECK_OK(pm_tag_load(fs, "/t", "daily", &tag, &err), &err);
    CHECK_EQ_INT(tag->id, 3);
    pm_tag_meta back;
    CHECK_OK(pm_tag_meta_of(tag, &back, &err), &err);
    CHECK(back.has_create_time && back.has_time_retained);
    CHECK_EQ_INT(back.create_time_millis, 1704110400123LL);
    CHECK_EQ_INT(back.time_retained_ms, 3600000);
    pm_snapshot_free(tag);
    CHECK_OK(pm_tag_load(fs, "/t", "plain", &tag, &err), &err);
    CHECK_OK(pm_tag_meta_of(tag, &back, &err), &err);
    CHECK(!back.has_create_time && !back.has_time_retained);
    pm_snapshot_free(tag);
    CHECK_ERR(pm_tag_load(fs, "/t", "missing", &tag, &err), PAIMON_ENOTFOUND, &err);
    /* Jackson may leave trailing zero components out */
    write_text(fs, "/t/tag/tag-short",
               "{\"version\":3,\"id\":1,\"schemaId\":0,\"baseManifestList\":\"b\","
               "\"deltaManifestList\":\"d\",\"commitUser\":\"u\",\"commitIdentifier\":1,"
               "\"commitKind\":\"APPEND\",\"timeMillis\":2,\"totalRecordCount\":0,"
               "\"deltaRecordCount\":0,\"tagCreateTime\":[2024,2,29,23,59],"
               "\"tagTimeRetained\":86400}");
    CHECK_OK(pm_tag_load(fs, "/t", "short", &tag, &err), &err);
    CHECK_OK(pm_tag_meta_of(tag, &back, &err), &err);
    CHECK_EQ_INT(back.create_time_millis, 1709251140000LL);
    CHECK_EQ_INT(back.time_retained_ms, 86400000);
    pm_snapshot_free(tag);
    write_text(fs, "/t/tag/tag-bad",
               "{\"version\":3,\"id\":1,\"schemaId\":0,\"baseManifestList\":\"b\","
               "\"deltaManifestList\":\"d\",\"commitUser\":\"u\",\"commitIdentifier\":1,"
               "\"commitKind\":\"APPEND\",\"timeMillis\":2,\"tagCreateTime\":[2024,13,1,0,0]}");
    CHECK_ERR(pm_tag_load(fs, "/t", "bad", &tag, &err), PAIMON_ECORRUPT, &err);
    CHECK(strstr(err.message, "/t/tag/tag-bad: tagCreateTime") == err.message);
    /* years Java's LocalDateTime accepts but epoch milliseconds cannot hold (found by fuzzing) */
    write_text(fs, "/t/tag/tag-bad",
               "{\"version\":3,\"id\":1,\"schemaId\":0,\"baseManifestList\":\"b\","
               "\"deltaManifestList\":\"d\",\"commitUser\":\"u\",\"commitIdentifier\":1,"
               "\"commitKind\":\"APPEND\",\"timeMillis\":2,"
               "\"tagCreateTime\":[999999999,12,31,23,59]}");
    CHECK_ERR(pm_tag_load(fs, "/t", "bad", &tag, &err), PAIMON_ECORRUPT, &err);
    CHECK(strstr(err.message, "out of the supported range") != NULL);
    write_text(fs, "/t/tag/tag-bad",
               "{\"version\":3,\"id\":1,\"schemaId\":0,\"baseManifestList\":\"b\","
               "\"deltaManifestList\":\"d\",\"commitUser\":\"u\",\"commitIdentifier\":1,"
               "\"commitKind\":\"APPEND\",\"timeMillis\":2,"
               "\"tagCreateTime\":[-290000000,1,1,0,0]}");
    CHECK_OK(pm_tag_load(fs, "/t", "bad", &tag, &err), &err);
    CHECK_OK(pm_tag_meta_of(tag, &back, &err), &err);
    CHECK(back.create_time_millis < -9000000000000000000LL);
    pm_snapshot_free(tag);
    CHECK_OK(pm_tag_list(fs, "/t", &names, &n, &err), &err);
    CHECK_EQ_INT(n, 4);
    CHECK_EQ_STR(names[0], "bad");
    CHECK_EQ_STR(names[1], "daily");
    CHECK_EQ_STR(names[3], "short");
    for (size_t i = 0; i < n; i++)
        pm_free(names[i]);
    pm_free(names);
    pm_buf_dispose(&text);
    pm_snapshot_free(s);
    pm_fs_release(fs);
}

TEST(load_errors_name_the_file) {
    pm_fs *fs;
    paimon_error err;
    CHECK_OK(pm_fs_mem_new(&fs, NULL), NULL);
    CHECK_OK(pm_fs_mkdirs(fs, "/w/t/snapshot", &err), &err);
    write_text(fs, "/w/t/snapshot/snapshot-1", "{\"version\":3,\"id\":1}");
    write_text(fs, "/w/t/snapshot/snapshot-2", "{\"version\":3,");
    write_text(fs, "/w/t/snapshot/snapshot-3", SNAP_JSON);
    pm_snapshot *s;
    CHECK_ERR(pm_snapshot_load(fs, "/w/t", 1, &s, &err), PAIMON_ECORRUPT, &err);
    CHECK_EQ_STR(err.message, "/w/t/snapshot/snapshot-1: missing required member \"schemaId\"");
    CHECK_ERR(pm_snapshot_load(fs, "/w/t", 2, &s, &err), PAIMON_ECORRUPT, &err);
    CHECK(strstr(err.message, "/w/t/snapshot/snapshot-2: malformed JSON") == err.message);
    CHECK_ERR(pm_snapshot_load(fs, "/w/t", 3, &s, &err), PAIMON_ECORRUPT, &err);
    CHECK(strstr(err.message, "/w/t/snapshot/snapshot-3: ") == err.message);
    pm_snapshot *ok = make_snapshot(7, "APPEND", 1);
    CHECK_OK(pm_snapshot_commit(fs, "/w/t", ok, &err), &err);
    pm_snapshot_free(ok);
    /* a file whose id does not match its name */
    pm_buf text = PM_BUF_INIT;
    CHECK_OK(pm_fs_read_all(fs, "/w/t/snapshot/snapshot-7", &text, 0, &err), &err);
    CHECK_OK(pm_fs_write_file(fs, "/w/t/snapshot/snapshot-8", text.data, text.len,
                              PM_WRITE_NO_REPLACE, &err),
             &err);
    CHECK_ERR(pm_snapshot_load(fs, "/w/t", 8, &s, &err), PAIMON_ECORRUPT, &err);
    CHECK_EQ_STR(err.message, "/w/t/snapshot/snapshot-8: holds snapshot id 7");
    pm_buf_dispose(&text);
    pm_fs_release(fs);
}

/* Every allocation of parsing and writing may fail: no crash, no leak (checked under ASan). */
TEST(allocation_failures) {
    const char *text =
        "{\"version\":3,\"id\":1,\"schemaId\":0,\"baseManifestList\":\"b\","
        "\"deltaManifestList\":\"d\",\"changelogManifestList\":null,\"indexManifest\":\"i\","
        "\"commitUser\":\"u\",\"commitIdentifier\":1,\"commitKind\":\"APPEND\","
        "\"timeMillis\":2,\"totalRecordCount\":1,\"deltaRecordCount\":1,\"statistics\":\"s\"}";
    for (long n = 0; n < 40; n++) {
        pm_mem_fail_after(n);
        pm_snapshot *s = NULL;
        paimon_error err;
        int rc = pm_snapshot_parse(text, strlen(text), "x", &s, &err);
        pm_buf out = PM_BUF_INIT;
        if (rc == PAIMON_OK)
            rc = pm_snapshot_to_json(s, &out, &err);
        pm_mem_fail_after(-1);
        CHECK(rc == PAIMON_OK || rc == PAIMON_ENOMEM);
        pm_snapshot_free(s);
        pm_buf_dispose(&out);
    }
}
