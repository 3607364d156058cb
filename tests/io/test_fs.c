/* The storage layer: local and in-memory backends behave alike; failures are injectable. */
#include "test.h"
#include "io/fs.h"

#include <stdio.h>

static void exercise(pm_fs *fs, const char *root) {
    paimon_error err = {0};
    pm_buf path = PM_BUF_INIT, data = PM_BUF_INIT;
    pm_path_join(&path, root, "a/b");
    CHECK_OK(pm_fs_mkdirs(fs, (const char *)path.data, &err), &err);
    pm_path_join(&path, root, "a/b/file");
    const char *p = (const char *)path.data;
    CHECK_OK(pm_fs_write_file(fs, p, "hello", 5, PM_WRITE_NO_REPLACE, &err), &err);
    CHECK_ERR(pm_fs_write_file(fs, p, "other", 5, PM_WRITE_NO_REPLACE, &err), PAIMON_EEXISTS,
              &err);
    CHECK_OK(pm_fs_read_all(fs, p, &data, 0, &err), &err);
    CHECK_EQ_INT(data.len, 5);
    CHECK_EQ_MEM(data.data, "hello", 5);
    CHECK_OK(pm_fs_write_file(fs, p, "replaced", 8, PM_WRITE_REPLACE, &err), &err);
    CHECK_OK(pm_fs_read_all(fs, p, &data, 0, &err), &err);
    CHECK_EQ_MEM(data.data, "replaced", 8);
    CHECK_ERR(pm_fs_read_all(fs, p, &data, 4, &err), PAIMON_ELIMIT, &err);

    pm_file *f;
    CHECK_OK(pm_fs_open(fs, p, &f, &err), &err);
    char piece[3];
    CHECK_OK(pm_file_pread(f, 2, piece, 3, &err), &err);
    CHECK_EQ_MEM(piece, "pla", 3);
    CHECK_ERR(pm_file_pread(f, 6, piece, 3, &err), PAIMON_ECORRUPT, &err);
    pm_file_close(f);

    pm_dir_list list;
    pm_path_join(&path, root, "a");
    CHECK_OK(pm_fs_list(fs, (const char *)path.data, &list, &err), &err);
    CHECK_EQ_INT(list.count, 1);
    CHECK_EQ_STR(list.entries[0].name, "b");
    CHECK(list.entries[0].is_dir);
    pm_dir_list_dispose(&list);

    pm_path_join(&path, root, "missing");
    CHECK_ERR(pm_fs_list(fs, (const char *)path.data, &list, &err), PAIMON_ENOTFOUND, &err);
    CHECK(strstr(err.message, "missing") != NULL);
    bool exists = true;
    CHECK_OK(pm_fs_exists(fs, (const char *)path.data, &exists, &err), &err);
    CHECK(!exists);
    pm_buf_dispose(&path);
    pm_buf_dispose(&data);
}

TEST(local_backend) {
    paimon_error err = {0};
    pm_fs *fs;
    CHECK_OK(pm_fs_local_new(&fs, &err), &err);
    exercise(fs, pm_test_tmpdir());
    pm_fs_release(fs);
}

TEST(memory_backend) {
    paimon_error err = {0};
    pm_fs *fs;
    CHECK_OK(pm_fs_mem_new(&fs, &err), &err);
    exercise(fs, "/mem");
    pm_fs_release(fs);
}

TEST(memory_backend_injected_failure) {
    paimon_error err = {0};
    pm_fs *fs;
    CHECK_OK(pm_fs_mem_new(&fs, &err), &err);
    CHECK_OK(pm_fs_write_file(fs, "/t/x", "1", 1, PM_WRITE_REPLACE, &err), &err);
    pm_fs_mem_fail_at(fs, 1, false);
    pm_buf data = PM_BUF_INIT;
    /* read_all = open (op 0) + pread (op 1): the pread fails. */
    CHECK_ERR(pm_fs_read_all(fs, "/t/x", &data, 0, &err), PAIMON_EIO, &err);
    CHECK(strstr(err.message, "/t/x") != NULL);
    CHECK_OK(pm_fs_read_all(fs, "/t/x", &data, 0, &err), &err);
    pm_buf_dispose(&data);
    pm_fs_release(fs);
}

TEST(path_join) {
    pm_buf b = PM_BUF_INIT;
    pm_path_join(&b, "/a/", "/b");
    CHECK_EQ_STR((const char *)b.data, "/a/b");
    pm_path_join(&b, "a", "b/c");
    CHECK_EQ_STR((const char *)b.data, "a/b/c");
    pm_path_join(&b, "/", "x");
    CHECK_EQ_STR((const char *)b.data, "/x");
    pm_buf_dispose(&b);
}

TEST(open_file_outlives_its_filesystem_handle) {
    paimon_error err = {0};
    pm_fs *fs;
    CHECK_OK(pm_fs_mem_new(&fs, &err), &err);
    CHECK_OK(pm_fs_write_file(fs, "/f", "abc", 3, PM_WRITE_REPLACE, &err), &err);
    pm_file *f;
    CHECK_OK(pm_fs_open(fs, "/f", &f, &err), &err);
    pm_fs_release(fs); /* the file still holds the filesystem */
    char buf[3];
    CHECK_OK(pm_file_pread(f, 0, buf, 3, &err), &err);
    CHECK_EQ_MEM(buf, "abc", 3);
    pm_file_close(f); /* the last reference: frees the filesystem (ASan checks) */
}
