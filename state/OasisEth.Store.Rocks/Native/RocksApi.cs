using System.Runtime.InteropServices;

namespace OasisEth.Store.Rocks.Native;

/// <summary>
/// The part of librocksdb's C API (rocksdb/c.h) the store uses, bound with source-generated P/Invokes: every
/// parameter is a pointer or a primitive, so no marshalling stub is built at run time and nothing is bound until the
/// first call. (RocksDbSharp built a delegate for each of its ~900 functions in one static constructor: 0.5-2 s of
/// JIT at the dev node's start.) The library is the one the RocksDB NuGet package ships next to the binary.
/// Handles are opaque pointers; <c>err</c> is C's <c>char** errptr</c>: set to a malloc'ed message on failure.
/// </summary>
internal static unsafe partial class RocksApi
{
    private const string Lib = "rocksdb";

    // Memory returned by the library.
    [LibraryImport(Lib)] public static partial void rocksdb_free(nint ptr);

    // Database options.
    [LibraryImport(Lib)] public static partial nint rocksdb_options_create();
    [LibraryImport(Lib)] public static partial void rocksdb_options_destroy(nint options);
    [LibraryImport(Lib)] public static partial void rocksdb_options_set_create_if_missing(nint options, byte value);
    [LibraryImport(Lib)] public static partial void rocksdb_options_set_create_missing_column_families(nint options, byte value);
    [LibraryImport(Lib)] public static partial void rocksdb_options_set_paranoid_checks(nint options, byte value);
    [LibraryImport(Lib)] public static partial void rocksdb_options_set_wal_recovery_mode(nint options, int mode);
    [LibraryImport(Lib)] public static partial void rocksdb_options_increase_parallelism(nint options, int totalThreads);
    [LibraryImport(Lib)] public static partial void rocksdb_options_set_max_background_compactions(nint options, int value);
    [LibraryImport(Lib)] public static partial void rocksdb_options_set_max_background_flushes(nint options, int value);
    [LibraryImport(Lib)] public static partial void rocksdb_options_set_bytes_per_sync(nint options, ulong value);
    [LibraryImport(Lib)] public static partial void rocksdb_options_set_max_total_wal_size(nint options, ulong value);
    [LibraryImport(Lib)] public static partial void rocksdb_options_set_max_open_files(nint options, int value);
    [LibraryImport(Lib)] public static partial void rocksdb_options_set_keep_log_file_num(nint options, nuint value);
    [LibraryImport(Lib)] public static partial void rocksdb_options_set_max_log_file_size(nint options, nuint value);
    [LibraryImport(Lib)] public static partial void rocksdb_options_set_write_buffer_size(nint options, nuint value);
    [LibraryImport(Lib)] public static partial void rocksdb_options_set_max_write_buffer_number(nint options, int value);
    [LibraryImport(Lib)] public static partial void rocksdb_options_set_compression(nint options, int value);
    [LibraryImport(Lib)] public static partial void rocksdb_options_set_level_compaction_dynamic_level_bytes(nint options, byte value);
    [LibraryImport(Lib)] public static partial void rocksdb_options_set_memtable_prefix_bloom_size_ratio(nint options, double ratio);
    [LibraryImport(Lib)] public static partial void rocksdb_options_set_memtable_whole_key_filtering(nint options, byte value);
    [LibraryImport(Lib)] public static partial void rocksdb_options_set_block_based_table_factory(nint options, nint tableOptions);

    // Block-based table options, filter policy, cache.
    [LibraryImport(Lib)] public static partial nint rocksdb_block_based_options_create();
    [LibraryImport(Lib)] public static partial void rocksdb_block_based_options_destroy(nint options);
    [LibraryImport(Lib)] public static partial void rocksdb_block_based_options_set_block_cache(nint options, nint cache);
    [LibraryImport(Lib)] public static partial void rocksdb_block_based_options_set_filter_policy(nint options, nint policy);
    [LibraryImport(Lib)] public static partial void rocksdb_block_based_options_set_whole_key_filtering(nint options, byte value);
    [LibraryImport(Lib)] public static partial void rocksdb_block_based_options_set_cache_index_and_filter_blocks(nint options, byte value);
    [LibraryImport(Lib)] public static partial void rocksdb_block_based_options_set_block_size(nint options, nuint value);
    [LibraryImport(Lib)] public static partial nint rocksdb_filterpolicy_create_bloom_full(double bitsPerKey);
    [LibraryImport(Lib)] public static partial nint rocksdb_cache_create_lru(nuint capacity);
    [LibraryImport(Lib)] public static partial void rocksdb_cache_destroy(nint cache);

    // Opening, column families, closing.
    [LibraryImport(Lib)] public static partial nint rocksdb_open_column_families(nint options, byte* name, int count,
        byte** familyNames, nint* familyOptions, nint* handles, nint* err);
    [LibraryImport(Lib)] public static partial byte** rocksdb_list_column_families(nint options, byte* name, nuint* count, nint* err);
    [LibraryImport(Lib)] public static partial void rocksdb_list_column_families_destroy(byte** list, nuint count);
    [LibraryImport(Lib)] public static partial void rocksdb_drop_column_family(nint db, nint handle, nint* err);
    [LibraryImport(Lib)] public static partial void rocksdb_column_family_handle_destroy(nint handle);
    [LibraryImport(Lib)] public static partial void rocksdb_close(nint db);

    // Reads.
    [LibraryImport(Lib)] public static partial nint rocksdb_readoptions_create();
    [LibraryImport(Lib)] public static partial void rocksdb_readoptions_destroy(nint options);
    [LibraryImport(Lib)] public static partial void rocksdb_readoptions_set_snapshot(nint options, nint snapshot);
    [LibraryImport(Lib)] public static partial nint rocksdb_get_pinned_cf(nint db, nint readOptions, nint family, byte* key, nuint keyLength, nint* err);
    [LibraryImport(Lib)] public static partial void rocksdb_batched_multi_get_cf(nint db, nint readOptions, nint family, nuint count,
        nint* keys, nuint* keySizes, nint* values, nint* errs, byte sortedInput);
    [LibraryImport(Lib)] public static partial byte* rocksdb_pinnableslice_value(nint slice, nuint* length);
    [LibraryImport(Lib)] public static partial void rocksdb_pinnableslice_destroy(nint slice);
    [LibraryImport(Lib)] public static partial nint rocksdb_create_snapshot(nint db);
    [LibraryImport(Lib)] public static partial void rocksdb_release_snapshot(nint db, nint snapshot);
    [LibraryImport(Lib)] public static partial nint rocksdb_property_value_cf(nint db, nint family, byte* name);

    // Iterators.
    [LibraryImport(Lib)] public static partial nint rocksdb_create_iterator_cf(nint db, nint readOptions, nint family);
    [LibraryImport(Lib)] public static partial void rocksdb_iter_destroy(nint iterator);
    [LibraryImport(Lib)] public static partial byte rocksdb_iter_valid(nint iterator);
    [LibraryImport(Lib)] public static partial void rocksdb_iter_seek_to_first(nint iterator);
    [LibraryImport(Lib)] public static partial void rocksdb_iter_seek(nint iterator, byte* key, nuint keyLength);
    [LibraryImport(Lib)] public static partial void rocksdb_iter_next(nint iterator);
    [LibraryImport(Lib)] public static partial byte* rocksdb_iter_key(nint iterator, nuint* length);
    [LibraryImport(Lib)] public static partial byte* rocksdb_iter_value(nint iterator, nuint* length);
    [LibraryImport(Lib)] public static partial void rocksdb_iter_get_error(nint iterator, nint* err);

    // Writes.
    [LibraryImport(Lib)] public static partial nint rocksdb_writeoptions_create();
    [LibraryImport(Lib)] public static partial void rocksdb_writeoptions_destroy(nint options);
    [LibraryImport(Lib)] public static partial void rocksdb_writeoptions_set_sync(nint options, byte value);
    [LibraryImport(Lib)] public static partial nint rocksdb_writebatch_create();
    [LibraryImport(Lib)] public static partial void rocksdb_writebatch_destroy(nint batch);
    [LibraryImport(Lib)] public static partial void rocksdb_writebatch_put_cf(nint batch, nint family, byte* key, nuint keyLength, byte* value, nuint valueLength);
    [LibraryImport(Lib)] public static partial void rocksdb_writebatch_delete_cf(nint batch, nint family, byte* key, nuint keyLength);
    [LibraryImport(Lib)] public static partial void rocksdb_write(nint db, nint writeOptions, nint batch, nint* err);
    [LibraryImport(Lib)] public static partial void rocksdb_put_cf(nint db, nint writeOptions, nint family, byte* key, nuint keyLength, byte* value, nuint valueLength, nint* err);
    [LibraryImport(Lib)] public static partial void rocksdb_compact_range_cf(nint db, nint family, byte* start, nuint startLength, byte* limit, nuint limitLength);

    /// <summary>Throws <see cref="RocksDbException"/> with the library's message (and frees it) when <paramref name="err"/> is set.</summary>
    public static void Check(nint err)
    {
        if (err == 0) return;
        string message = Marshal.PtrToStringUTF8(err) ?? "unknown RocksDB error";
        rocksdb_free(err);
        throw new RocksDbException(message);
    }

    /// <summary>A NUL-terminated UTF-8 copy of <paramref name="text"/> (names and paths; never on a hot path).</summary>
    public static byte[] Utf8z(string text)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(text) + 1];
        System.Text.Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
