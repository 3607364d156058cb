// GenVectors - writes the Java reference vectors for the rbm64, theta_sketch and hll_sketch
// aggregate functions (see README.md in this directory). Each case lists input values and the
// value Java Paimon's aggregator leaves after folding them left to right:
//   acc = in[0]; acc = agg(acc, in[i]) for i >= 1
// where agg is FieldRoaringBitmap64Agg / FieldThetaSketchAgg / FieldHllSketchAgg, replayed here
// with the same library calls as Paimon's RoaringBitmap64, ThetaSketch and HllSketchUtil.
import java.io.*;
import java.util.*;
import org.roaringbitmap.longlong.Roaring64Bitmap;
import org.apache.datasketches.common.Family;
import org.apache.datasketches.common.ResizeFactor;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.memory.WritableMemory;
import org.apache.datasketches.thetacommon.ThetaUtil;
import org.apache.datasketches.theta.*;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

public class GenVectors {
    static PrintWriter out;
    static SplittableRandom rnd = new SplittableRandom(20240611L);

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) sb.append(String.format("%02x", x & 0xFF));
        return sb.length() == 0 ? "-" : sb.toString();
    }

    interface Agg { byte[] apply(byte[] acc, byte[] in) throws Exception; }

    static void emit(String name, Agg agg, List<byte[]> ins) {
        out.println("case " + name);
        for (byte[] b : ins) out.println("in " + hex(b));
        try {
            byte[] acc = ins.get(0);
            for (int i = 1; i < ins.size(); i++) acc = agg.apply(acc, ins.get(i));
            out.println("out " + hex(acc));
        } catch (Exception | AssertionError e) {
            out.println("err " + e.getClass().getSimpleName());
        }
    }

    // ---------------- rbm64 ----------------
    static byte[] rbmSer(Roaring64Bitmap b, boolean opt) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DataOutputStream dos = new DataOutputStream(bos);
        if (opt) b.runOptimize();
        b.serialize(dos);
        dos.flush();
        return bos.toByteArray();
    }

    static Roaring64Bitmap rbmDe(byte[] bytes) throws IOException {
        Roaring64Bitmap b = new Roaring64Bitmap();
        b.deserialize(new DataInputStream(new ByteArrayInputStream(bytes)));
        return b;
    }

    static final Agg RBM = (acc, in) -> {
        Roaring64Bitmap a = rbmDe(acc), b = rbmDe(in);
        a.or(b);
        return rbmSer(a, true);
    };

    static byte[] rbmOf(boolean opt, long... v) throws IOException {
        Roaring64Bitmap b = new Roaring64Bitmap();
        for (long x : v) b.addLong(x);
        return rbmSer(b, opt);
    }

    static long[] range(long start, int n, long step) {
        long[] r = new long[n];
        for (int i = 0; i < n; i++) r[i] = start + i * step;
        return r;
    }

    static long[] concat(long[]... parts) {
        int n = 0;
        for (long[] p : parts) n += p.length;
        long[] r = new long[n];
        int k = 0;
        for (long[] p : parts) for (long x : p) r[k++] = x;
        return r;
    }

    static long[] shuffled(long[] v) {
        long[] r = v.clone();
        for (int i = r.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            long t = r[i]; r[i] = r[j]; r[j] = t;
        }
        return r;
    }

    // a random bitmap: `keys` high keys drawn from a few shapes, each with a random container
    static long[] rbmRandom(int keys) {
        List<Long> vals = new ArrayList<>();
        long base = rnd.nextInt(4) == 0 ? rnd.nextLong() : (rnd.nextLong() & 0xFFFFFFFFL) << rnd.nextInt(33);
        for (int k = 0; k < keys; k++) {
            long high;
            switch (rnd.nextInt(4)) {
                case 0: high = (base >>> 16) + k; break;
                case 1: high = (base >>> 16) ^ ((long) rnd.nextInt(256) << (8 * rnd.nextInt(6))); break;
                case 2: high = rnd.nextLong() >>> 16; break;
                default: high = rnd.nextInt(64); break;
            }
            high &= 0xFFFFFFFFFFFFL;
            long hb = high << 16;
            switch (rnd.nextInt(12) % 5) {
                case 0: vals.add(hb | rnd.nextInt(65536)); break;
                case 1: for (int i = 0, n = 1 + rnd.nextInt(60); i < n; i++) vals.add(hb | rnd.nextInt(65536)); break;
                case 2: { int s = rnd.nextInt(60000); for (int i = 0, n = 1 + rnd.nextInt(5000); i < n && s + i < 65536; i++) vals.add(hb | (s + i)); break; }
                case 3: if (rnd.nextInt(4) != 0) { vals.add(hb | 3); break; }
                    for (int i = 0, n = 4000 + rnd.nextInt(3000); i < n; i++) vals.add(hb | rnd.nextInt(65536)); break;
                default: for (int r = 0, n = 1 + rnd.nextInt(20); r < n; r++) { int s = rnd.nextInt(65000); for (int i = 0, m = 1 + rnd.nextInt(400); i < m && s + i < 65536; i++) vals.add(hb | (s + i)); } break;
            }
        }
        long[] r = new long[vals.size()];
        for (int i = 0; i < r.length; i++) r[i] = vals.get(i);
        return r;
    }

    // a bitmap built with removals: nodes shrink, containers array keeps null slots
    static byte[] rbmWithRemovals(long[] add, int removeEvery, boolean opt) throws IOException {
        Roaring64Bitmap b = new Roaring64Bitmap();
        for (long x : add) b.addLong(x);
        Long[] keys = Arrays.stream(add).map(x -> x & ~0xFFFFL).distinct().boxed().toArray(Long[]::new);
        for (int i = 0; i < keys.length; i++) {
            if (i % removeEvery == 0) {
                long hb = keys[i];
                for (long x : add) if ((x & ~0xFFFFL) == hb) b.removeLong(x);
            }
        }
        return rbmSer(b, opt);
    }

    static void genRbm64() throws Exception {
        long[] hi = {0L, 1L, 65535L, 65536L, 1L << 32, (1L << 40) + 7, (1L << 47) + 3, Long.MAX_VALUE,
                     Long.MIN_VALUE, -1L, -65536L, 0x0102030405060708L};
        byte[] empty = rbmOf(false);
        emit("empty_empty", RBM, List.of(empty, empty));
        emit("empty_one", RBM, List.of(empty, rbmOf(false, 5)));
        emit("one_empty", RBM, List.of(rbmOf(false, 5), empty));
        emit("one_one_same", RBM, List.of(rbmOf(false, 5), rbmOf(false, 5)));
        emit("one_one_other_key", RBM, List.of(rbmOf(false, 5), rbmOf(false, 1L << 33)));
        emit("high_words", RBM, List.of(rbmOf(false, hi), rbmOf(true, 2, 3, 4, -2L, 1L << 48)));
        emit("high_words_rev", RBM, List.of(rbmOf(true, 2, 3, 4, -2L, 1L << 48), rbmOf(false, hi)));
        emit("signed_order", RBM, List.of(rbmOf(false, -1L, Long.MIN_VALUE), rbmOf(false, 0L, Long.MAX_VALUE)));
        emit("array_array_to_bitmap", RBM, List.of(rbmOf(false, range(0, 3000, 2)), rbmOf(false, range(1, 3000, 2))));
        emit("array_array_to_run", RBM, List.of(rbmOf(false, range(0, 2000, 2)), rbmOf(false, range(1, 2000, 2))));
        emit("full_container", RBM, List.of(rbmOf(false, range(0, 32768, 1)), rbmOf(false, range(32768, 32768, 1))));
        emit("full_run_plus_array", RBM, List.of(rbmOf(true, range(0, 65536, 1)), rbmOf(false, 1, 2, 3)));
        emit("array_plus_full_run", RBM, List.of(rbmOf(false, 1, 2, 3), rbmOf(true, range(0, 65536, 1))));
        emit("run_plus_array", RBM, List.of(rbmOf(true, range(100, 1000, 1)), rbmOf(false, range(5000, 50, 7))));
        emit("run_plus_run", RBM, List.of(rbmOf(true, range(100, 1000, 1)), rbmOf(true, range(1050, 1000, 1))));
        emit("run_plus_run_adjacent", RBM, List.of(rbmOf(true, range(100, 1000, 1)), rbmOf(true, range(1100, 1000, 1))));
        emit("run_plus_bitmap", RBM, List.of(rbmOf(true, range(0, 20000, 1)), rbmOf(false, range(1, 5000, 3))));
        emit("bitmap_plus_run", RBM, List.of(rbmOf(false, range(1, 5000, 3)), rbmOf(true, range(0, 20000, 1))));
        emit("bitmap_plus_array", RBM, List.of(rbmOf(false, range(1, 5000, 3)), rbmOf(false, range(2, 100, 3))));
        emit("array_plus_bitmap", RBM, List.of(rbmOf(false, range(2, 100, 3)), rbmOf(false, range(1, 5000, 3))));
        emit("bitmap_plus_bitmap_dense", RBM, List.of(rbmOf(false, range(0, 30000, 2)), rbmOf(false, range(1, 30000, 2))));
        emit("inefficient_run_kept", RBM, List.of(rbmOf(true, range(0, 100, 1)), rbmOf(false, range(200, 2000, 2))));
        emit("run_unoptimized_input", RBM, List.of(rbmOf(false, range(0, 10000, 1)), rbmOf(false, 70000)));
        // ART growth: Node4 -> 16 -> 48 -> 256 at several depths
        for (int n : new int[] {2, 4, 5, 16, 17, 48, 49, 256}) {
            emit("fanout_low_" + n, RBM, List.of(rbmOf(false, range(0, n, 1L << 16)), rbmOf(false, range((long) n << 16, 3, 1L << 16))));
            emit("fanout_high_" + n, RBM, List.of(rbmOf(false, range(0, n, 1L << 56)), rbmOf(false, range(5, n + 2, 1L << 56))));
            emit("fanout_grow_" + n, RBM, List.of(rbmOf(false, 7), rbmOf(false, shuffled(range(1L << 24, n, 1L << 24)))));
        }
        emit("prefix_split", RBM, List.of(rbmOf(false, 0x0102030405060000L, 0x0102030405070000L), rbmOf(false, 0x0102FF0000000000L)));
        emit("prefix_split_deep", RBM, List.of(rbmOf(false, 0x0102030405060000L, 0x0102030405070000L), rbmOf(false, 0x0102030400000000L, 0x01020304FF000000L)));
        // insertion order changes stale key bytes and container indexes
        for (int i = 0; i < 12; i++) {
            long[] a = shuffled(rbmRandom(1 + rnd.nextInt(25))), b = shuffled(rbmRandom(1 + rnd.nextInt(25)));
            emit("shuffled_" + i, RBM, List.of(rbmOf(rnd.nextBoolean(), a), rbmOf(rnd.nextBoolean(), b)));
        }
        // removals: shrunk nodes, leaves with prefixes, null container slots
        for (int i = 0; i < 10; i++) {
            long[] a = shuffled(rbmRandom(5 + rnd.nextInt(80))), b = shuffled(rbmRandom(1 + rnd.nextInt(40)));
            emit("removals_" + i, RBM, List.of(rbmWithRemovals(a, 1 + rnd.nextInt(4), rnd.nextBoolean()), rbmOf(rnd.nextBoolean(), b)));
            emit("removals_input_" + i, RBM, List.of(rbmOf(rnd.nextBoolean(), b), rbmWithRemovals(a, 1 + rnd.nextInt(4), rnd.nextBoolean())));
        }
        emit("removals_all_but_one", RBM, List.of(rbmWithRemovals(range(0, 40, 1L << 20), 1, false), rbmOf(false, 3)));
        {
            Roaring64Bitmap b = new Roaring64Bitmap();
            for (long x : range(0, 60, 1L << 16)) b.addLong(x);
            for (long x : range(0, 50, 1L << 16)) b.removeLong(x);
            emit("node48_shrunk_then_grow", RBM, List.of(rbmSer(b, false), rbmOf(false, range(100L << 16, 60, 1L << 16))));
        }
        {
            Roaring64Bitmap b = new Roaring64Bitmap();
            for (long x : range(0, 30, 1L << 16)) b.addLong(x);
            for (long x : range(0, 30, 2L << 16)) b.removeLong(x);
            emit("node48_sparse_slots", RBM, List.of(rbmSer(b, false), rbmOf(false, shuffled(range(31L << 16, 40, 1L << 16)))));
        }
        for (int i = 0; i < 30; i++) {
            int n = 2 + rnd.nextInt(4);
            List<byte[]> ins = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                long[] v = rbmRandom(rnd.nextInt(12));
                ins.add(rnd.nextInt(5) == 0 && v.length > 0 ? rbmWithRemovals(shuffled(v), 2 + rnd.nextInt(3), rnd.nextBoolean())
                        : rbmOf(rnd.nextBoolean(), rnd.nextBoolean() ? shuffled(v) : v));
            }
            emit("random_" + i, RBM, ins);
        }
    }

    // ---------------- theta ----------------
    static final Agg THETA = (acc, in) -> {
        Union union = Sketches.setOperationBuilder().buildUnion();
        union.union(Memory.wrap(acc));
        union.union(Memory.wrap(in));
        return union.getResult().toByteArray();
    };

    static UpdateSketch theta(int lgK, float p, long seed, long start, long n, Family fam) {
        UpdateSketchBuilder bld = UpdateSketch.builder().setNominalEntries(1 << lgK).setP(p).setSeed(seed);
        if (fam != null) bld.setFamily(fam);
        UpdateSketch s = bld.build();
        for (long i = 0; i < n; i++) s.update(start + i);
        return s;
    }

    static byte[] thetaC(int lgK, long start, long n) { return theta(lgK, 1f, 9001L, start, n, null).compact().toByteArray(); }

    static void genTheta() throws Exception {
        byte[] empty = thetaC(12, 0, 0);
        byte[] one = thetaC(12, 1, 1);
        emit("empty_empty", THETA, List.of(empty, empty));
        emit("empty_single", THETA, List.of(empty, one));
        emit("single_empty", THETA, List.of(one, empty));
        emit("single_single_same", THETA, List.of(one, one));
        emit("single_single", THETA, List.of(one, thetaC(12, 2, 1)));
        emit("exact_small", THETA, List.of(thetaC(12, 0, 10), thetaC(12, 5, 10)));
        emit("exact_single", THETA, List.of(thetaC(12, 0, 10), thetaC(12, 100, 1)));
        emit("exact_to_estimation", THETA, List.of(thetaC(12, 0, 3000), thetaC(12, 3000, 3000)));
        emit("exact_4096_plus_1", THETA, List.of(thetaC(12, 0, 4096), thetaC(12, 4096, 1)));
        emit("exact_4096_plus_4096", THETA, List.of(thetaC(12, 0, 4096), thetaC(12, 4096, 4096)));
        emit("exact_union_over_rebuild", THETA, List.of(thetaC(13, 0, 8000), thetaC(13, 8000, 8000)));
        emit("estimation_both", THETA, List.of(thetaC(12, 0, 100000), thetaC(12, 50000, 100000)));
        emit("estimation_exact", THETA, List.of(thetaC(12, 0, 100000), thetaC(12, 0, 100)));
        emit("exact_estimation", THETA, List.of(thetaC(12, 0, 100), thetaC(12, 0, 100000)));
        emit("small_k", THETA, List.of(thetaC(4, 0, 1000), thetaC(5, 500, 1000)));
        emit("small_k_exact", THETA, List.of(thetaC(4, 0, 10), thetaC(4, 5, 10)));
        emit("large_k", THETA, List.of(thetaC(13, 0, 40000), thetaC(11, 0, 50000)));
        emit("large_k_exact", THETA, List.of(thetaC(14, 0, 6000), thetaC(14, 6000, 6000)));
        emit("large_k_single", THETA, List.of(thetaC(14, 0, 6000), one));
        UpdateSketch sampled = theta(12, 0.01f, 9001L, 0, 20, null);
        emit("sampled_p_zero_count", THETA, List.of(sampled.compact().toByteArray(), one));
        emit("sampled_p", THETA, List.of(theta(12, 0.5f, 9001L, 0, 100, null).compact().toByteArray(), thetaC(12, 50, 100)));
        emit("sampled_p_empty", THETA, List.of(theta(12, 0.5f, 9001L, 0, 0, null).compact().toByteArray(), thetaC(12, 50, 100)));
        emit("unordered_compact", THETA, List.of(theta(12, 1f, 9001L, 0, 500, null).compact(false, null).toByteArray(),
                theta(12, 1f, 9001L, 300, 50000, null).compact(false, null).toByteArray()));
        emit("unordered_single_item", THETA, List.of(theta(12, 1f, 9001L, 7, 1, null).compact(false, null).toByteArray(), thetaC(12, 0, 5)));
        emit("updatable_input", THETA, List.of(theta(12, 1f, 9001L, 0, 500, null).toByteArray(), theta(10, 1f, 9001L, 100, 5000, null).toByteArray()));
        emit("updatable_empty", THETA, List.of(theta(12, 1f, 9001L, 0, 0, null).toByteArray(), thetaC(12, 1, 3)));
        emit("updatable_single", THETA, List.of(thetaC(12, 1, 3), theta(12, 1f, 9001L, 0, 1, null).toByteArray()));
        emit("alpha_input", THETA, List.of(theta(12, 1f, 9001L, 0, 50000, Family.ALPHA).toByteArray(), thetaC(12, 1, 3)));
        emit("alpha_input_exact", THETA, List.of(thetaC(12, 1, 3), theta(12, 1f, 9001L, 0, 500, Family.ALPHA).toByteArray()));
        emit("other_seed", THETA, List.of(thetaC(12, 0, 10), theta(12, 1f, 42L, 0, 10, null).compact().toByteArray()));
        emit("other_seed_single", THETA, List.of(thetaC(12, 0, 10), theta(12, 1f, 42L, 0, 1, null).compact().toByteArray()));
        emit("other_seed_empty", THETA, List.of(thetaC(12, 0, 10), theta(12, 1f, 42L, 0, 0, null).compact().toByteArray()));
        emit("compressed_input", THETA, List.of(theta(12, 1f, 9001L, 0, 3000, null).compact().toByteArrayCompressed(), thetaC(12, 1, 3)));
        emit("compressed_input_estimation", THETA, List.of(thetaC(12, 1, 3), theta(12, 1f, 9001L, 0, 30000, null).compact().toByteArrayCompressed()));
        for (int i = 0; i < 30; i++) {
            int n = 2 + rnd.nextInt(4);
            List<byte[]> ins = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                int lgK = 4 + rnd.nextInt(8);
                long cnt = rnd.nextInt(4) == 0 ? rnd.nextInt(3) : rnd.nextInt(1 << (lgK + 2));
                UpdateSketch s = theta(lgK, rnd.nextInt(6) == 0 ? 0.7f : 1f, 9001L, rnd.nextInt(5000), cnt, null);
                int form = rnd.nextInt(4);
                ins.add(form == 0 ? s.toByteArray() : s.compact(form != 1, null).toByteArray());
            }
            emit("random_" + i, THETA, ins);
        }
        genThetaOldFormats();
    }

    // Serialization versions 4 (compressed), 2 and 1 as union inputs. The library writes
    // version 4 (toByteArrayCompressed); versions 1 and 2 (2014-2015) it only reads, so they are
    // laid out here by their format: v1 = preamble longs 3, serial version 1, family 3, no seed
    // hash, flags in byte 6, count at 8, theta at 16, ordered hashes from 24; v2 = preamble longs
    // 1 (empty), 2 (count, theta 1.0) or 3 (count, theta), serial version 2, family 3, flags in
    // byte 5, seed hash at 6, count at 8, theta at 16, ordered hashes after the preamble.
    static final SplittableRandom rnd2 = new SplittableRandom(20250102L);

    static long[] hashesOf(CompactSketch c) {
        long[] h = new long[c.getRetainedEntries(true)];
        HashIterator it = c.iterator();
        int i = 0;
        while (it.next()) h[i++] = it.get();
        return h;
    }

    static CompactSketch thetaOrdered(int lgK, long seed, long start, long n) {
        return theta(lgK, 1f, seed, start, n, null).compact(true, null);
    }

    static byte[] thetaV1(CompactSketch c) {
        long[] h = hashesOf(c);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24 + 8 * h.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 3).put(1, (byte) 1).put(2, (byte) 3).put(6, (byte) 2);
        b.putInt(8, h.length).putLong(16, c.getThetaLong());
        for (int i = 0; i < h.length; i++) b.putLong(24 + 8 * i, h[i]);
        return b.array();
    }

    static byte[] thetaV2(CompactSketch c, long seed) {
        long[] h = hashesOf(c);
        short seedHash = ThetaUtil.computeSeedHash(seed);
        int pre = c.isEmpty() ? 1 : c.getThetaLong() < Long.MAX_VALUE ? 3 : 2;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(pre == 1 ? 8 : 8 * (pre + h.length)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) pre).put(1, (byte) 2).put(2, (byte) 3).put(5, (byte) (pre == 1 ? 0xE : 0xA)).putShort(6, seedHash);
        if (pre > 1) b.putInt(8, h.length);
        if (pre == 3) b.putLong(16, c.getThetaLong());
        for (int i = 0; i < h.length; i++) b.putLong(8 * pre + 8 * i, h[i]);
        return b.array();
    }

    static byte[] patch(byte[] b, int at, int v) { byte[] r = b.clone(); r[at] = (byte) v; return r; }

    static void genThetaOldFormats() {
        byte[] three = thetaC(12, 1, 3);
        // version 4
        for (long n : new long[] {2, 7, 8, 9, 15, 16, 17, 100, 255, 256, 300, 3000}) {
            byte[] v4 = thetaOrdered(12, 9001L, 0, n).toByteArrayCompressed();
            emit("v4_exact_" + n, THETA, List.of(v4, three));
            emit("v4_exact_" + n + "_as_input", THETA, List.of(three, v4));
        }
        for (int lgK : new int[] {4, 9, 12}) {
            byte[] v4 = thetaOrdered(lgK, 9001L, 10, 50000).toByteArrayCompressed();
            emit("v4_estimation_lgk" + lgK, THETA, List.of(thetaC(12, 0, 20000), v4));
            emit("v4_estimation_lgk" + lgK + "_first", THETA, List.of(v4, thetaC(12, 0, 200)));
        }
        emit("v4_sampled", THETA, List.of(theta(12, 0.25f, 9001L, 0, 1000, null).compact(true, null).toByteArrayCompressed(), three));
        emit("v4_both", THETA, List.of(thetaOrdered(11, 9001L, 0, 9000).toByteArrayCompressed(), thetaOrdered(10, 9001L, 4000, 9000).toByteArrayCompressed()));
        emit("v4_other_seed", THETA, List.of(three, thetaOrdered(12, 77L, 0, 100).toByteArrayCompressed()));
        byte[] v4 = thetaOrdered(12, 9001L, 0, 20).toByteArrayCompressed();
        emit("v4_not_compact_family", THETA, List.of(three, patch(v4, 2, 2)));
        emit("v4_truncated", THETA, List.of(three, Arrays.copyOf(v4, v4.length - 1)));
        emit("v4_empty_flag_with_entries", THETA, List.of(three, patch(v4, 5, v4[5] | 4)));
        // version 1 (no seed hash: another seed's sketch is accepted)
        emit("v1_exact", THETA, List.of(three, thetaV1(thetaOrdered(12, 9001L, 0, 100))));
        emit("v1_estimation", THETA, List.of(thetaV1(thetaOrdered(12, 9001L, 0, 30000)), thetaC(12, 100, 5000)));
        emit("v1_single", THETA, List.of(three, thetaV1(thetaOrdered(12, 9001L, 7, 1))));
        emit("v1_empty", THETA, List.of(thetaV1(thetaOrdered(12, 9001L, 0, 0)), three));
        emit("v1_other_seed", THETA, List.of(three, thetaV1(thetaOrdered(12, 5L, 0, 10))));
        emit("v1_two_hashes_short", THETA, List.of(three, Arrays.copyOf(thetaV1(thetaOrdered(12, 9001L, 0, 2)), 24)));
        emit("v1_bad_preamble", THETA, List.of(three, patch(thetaV1(thetaOrdered(12, 9001L, 0, 10)), 0, 2)));
        emit("v1_truncated", THETA, List.of(three, Arrays.copyOf(thetaV1(thetaOrdered(12, 9001L, 0, 10)), 40)));
        // version 2
        emit("v2_exact", THETA, List.of(three, thetaV2(thetaOrdered(12, 9001L, 0, 100), 9001L)));
        emit("v2_estimation", THETA, List.of(thetaV2(thetaOrdered(12, 9001L, 0, 30000), 9001L), thetaC(12, 100, 5000)));
        emit("v2_single", THETA, List.of(three, thetaV2(thetaOrdered(12, 9001L, 9, 1), 9001L)));
        emit("v2_empty", THETA, List.of(three, thetaV2(thetaOrdered(12, 9001L, 0, 0), 9001L)));
        emit("v2_exact_count_zero", THETA, List.of(three, patch(thetaV2(thetaOrdered(12, 9001L, 0, 2), 9001L), 8, 0)));
        {
            byte[] est = thetaV2(thetaOrdered(12, 9001L, 0, 30000), 9001L);
            byte[] zero = Arrays.copyOf(est, 24);
            zero[8] = zero[9] = zero[10] = zero[11] = 0;
            emit("v2_estimation_count_zero", THETA, List.of(zero, three));
        }
        emit("v2_other_seed", THETA, List.of(three, thetaV2(thetaOrdered(12, 5L, 0, 10), 5L)));
        emit("v2_bad_family", THETA, List.of(three, patch(thetaV2(thetaOrdered(12, 9001L, 0, 10), 9001L), 2, 9)));
        emit("v2_bad_preamble", THETA, List.of(three, patch(thetaV2(thetaOrdered(12, 9001L, 0, 10), 9001L), 0, 4)));
        emit("v2_truncated", THETA, List.of(three, Arrays.copyOf(thetaV2(thetaOrdered(12, 9001L, 0, 10), 9001L), 50)));
        for (int i = 0; i < 12; i++) {
            int n = 2 + rnd2.nextInt(3);
            List<byte[]> ins = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                CompactSketch c = thetaOrdered(4 + rnd2.nextInt(9), 9001L, rnd2.nextInt(5000), rnd2.nextInt(4) == 0 ? rnd2.nextInt(3) : rnd2.nextInt(20000));
                int form = rnd2.nextInt(4);
                ins.add(form == 0 ? c.toByteArrayCompressed() : form == 1 ? thetaV1(c) : form == 2 ? thetaV2(c, 9001L) : c.toByteArray());
            }
            emit("old_formats_random_" + i, THETA, ins);
        }
    }

    // ---------------- hll ----------------
    static final Agg HLL = (acc, in) -> {
        HllSketch heapify = HllSketch.heapify(acc);
        org.apache.datasketches.hll.Union union = org.apache.datasketches.hll.Union.heapify(in);
        union.update(heapify);
        return union.getResult(TgtHllType.HLL_4).toCompactByteArray();
    };

    static HllSketch hll(int lgK, TgtHllType t, long start, long n) {
        HllSketch s = new HllSketch(lgK, t);
        for (long i = 0; i < n; i++) s.update(start + i);
        return s;
    }

    static byte[] hllC(int lgK, TgtHllType t, long start, long n) { return hll(lgK, t, start, n).toCompactByteArray(); }

    static void genHll() throws Exception {
        TgtHllType H4 = TgtHllType.HLL_4, H6 = TgtHllType.HLL_6, H8 = TgtHllType.HLL_8;
        byte[] empty = hllC(12, H4, 0, 0);
        emit("empty_empty", HLL, List.of(empty, empty));
        emit("empty_one", HLL, List.of(empty, hllC(12, H4, 1, 1)));
        emit("one_empty", HLL, List.of(hllC(12, H4, 1, 1), empty));
        emit("list_list", HLL, List.of(hllC(12, H4, 0, 3), hllC(12, H4, 2, 3)));
        emit("list_to_set", HLL, List.of(hllC(12, H4, 0, 7), hllC(12, H4, 7, 7)));
        emit("set_set", HLL, List.of(hllC(12, H4, 0, 50), hllC(12, H4, 25, 50)));
        emit("set_to_hll", HLL, List.of(hllC(12, H4, 0, 200), hllC(12, H4, 200, 200)));
        emit("hll_hll", HLL, List.of(hllC(12, H4, 0, 10000), hllC(12, H4, 5000, 10000)));
        emit("hll_list", HLL, List.of(hllC(12, H4, 0, 10000), hllC(12, H4, 5000, 3)));
        emit("list_hll", HLL, List.of(hllC(12, H4, 5000, 3), hllC(12, H4, 0, 10000)));
        emit("hll_big", HLL, List.of(hllC(10, H4, 0, 1000000), hllC(10, H4, 500000, 1000000)));
        for (TgtHllType a : new TgtHllType[] {H4, H6, H8})
            for (TgtHllType b : new TgtHllType[] {H4, H6, H8}) {
                emit("types_" + a + "_" + b, HLL, List.of(hllC(11, a, 0, 5000), hllC(11, b, 2500, 5000)));
                emit("types_set_" + a + "_" + b, HLL, List.of(hllC(11, a, 0, 40), hllC(11, b, 2500, 5000)));
            }
        emit("lgk_small_large", HLL, List.of(hllC(8, H4, 0, 5000), hllC(14, H4, 0, 50000)));
        emit("lgk_large_small", HLL, List.of(hllC(14, H4, 0, 50000), hllC(8, H4, 0, 5000)));
        emit("lgk_large_set_small_hll", HLL, List.of(hllC(14, H4, 0, 100), hllC(8, H4, 0, 5000)));
        emit("lgk_small_set_large_hll", HLL, List.of(hllC(8, H4, 0, 20), hllC(14, H8, 0, 50000)));
        emit("lgk_4", HLL, List.of(hllC(4, H4, 0, 100), hllC(4, H6, 50, 100)));
        emit("lgk_4_list", HLL, List.of(hllC(4, H4, 0, 2), hllC(4, H8, 50, 3)));
        emit("lgk_21", HLL, List.of(hllC(21, H4, 0, 3000), hllC(21, H8, 1000, 10000)));
        emit("lgk_5_lists", HLL, List.of(hllC(5, H4, 0, 5), hllC(5, H4, 100, 5)));
        emit("updatable_inputs", HLL, List.of(hll(12, H4, 0, 10000).toUpdatableByteArray(), hll(12, H8, 100, 300).toUpdatableByteArray()));
        emit("updatable_list_set", HLL, List.of(hll(12, H4, 0, 3).toUpdatableByteArray(), hll(12, H6, 100, 30).toUpdatableByteArray()));
        emit("updatable_empty", HLL, List.of(hll(12, H4, 0, 0).toUpdatableByteArray(), hll(10, H6, 100, 30000).toUpdatableByteArray()));
        for (int i = 0; i < 40; i++) {
            int n = 2 + rnd.nextInt(4);
            List<byte[]> ins = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                int lgK = 4 + rnd.nextInt(10);
                TgtHllType t = new TgtHllType[] {H4, H6, H8}[rnd.nextInt(3)];
                int shape = rnd.nextInt(4);
                long cnt = shape == 0 ? rnd.nextInt(10) : shape == 1 ? rnd.nextInt(1 << (lgK - 2)) : rnd.nextInt(1 << (lgK + 3));
                HllSketch s = hll(lgK, t, rnd.nextInt(100000), cnt);
                ins.add(rnd.nextInt(3) == 0 ? s.toUpdatableByteArray() : s.toCompactByteArray());
            }
            emit("random_" + i, HLL, ins);
        }
        genHllMore();
    }

    static final SplittableRandom rnd3 = new SplittableRandom(20250103L);

    // the bytes of a Union kept in WritableMemory after merging HLL-mode sketches: an HLL_8
    // image whose "rebuild curMin/kxq" flag is still set
    static byte[] directUnionImage(int lgK, HllSketch... parts) {
        WritableMemory wmem = WritableMemory.allocate(org.apache.datasketches.hll.Union.getMaxSerializationBytes(lgK));
        org.apache.datasketches.hll.Union u = new org.apache.datasketches.hll.Union(lgK, wmem);
        for (HllSketch p : parts) u.update(p);
        byte[] img = new byte[(int) wmem.getCapacity()];
        wmem.getByteArray(0, img, 0, img.length);
        if ((img[5] & 32) == 0) throw new IllegalStateException("rebuild flag not set");
        return img;
    }

    static int auxCount(byte[] hll4) {
        return java.nio.ByteBuffer.wrap(hll4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(36);
    }

    // an HLL_4 sketch with exceptions (registers 15+ above curMin): the first of the item
    // ranges start + t * n, t = 0, 1, ..., whose sketch has some
    static HllSketch hllWithAux(int lgK, long start, long n) {
        for (int t = 0; t < 500; t++) {
            HllSketch s = hll(lgK, TgtHllType.HLL_4, start + t * n, n);
            if (auxCount(s.toCompactByteArray()) > 0) return s;
        }
        throw new IllegalStateException("no aux entries");
    }

    static void genHllMore() {
        TgtHllType H4 = TgtHllType.HLL_4, H6 = TgtHllType.HLL_6, H8 = TgtHllType.HLL_8;
        byte[] empty12 = hllC(12, H4, 0, 0), empty8 = hllC(8, H4, 0, 0);
        byte[] set12 = hllC(12, H4, 1000, 60);
        // the accumulator's HLL_8 rebuild flag (heapified with a kxq rebuild) vs the input's (not)
        byte[] direct = directUnionImage(11, hll(11, H4, 0, 20000), hll(11, H6, 10000, 20000));
        emit("rebuild_flag_acc_set_input", HLL, List.of(direct, set12));
        emit("rebuild_flag_acc_list_input", HLL, List.of(direct, hllC(11, H4, 5, 3)));
        emit("rebuild_flag_input_set_acc", HLL, List.of(hllC(11, H8, 7, 100), direct));
        emit("rebuild_flag_acc_small_lgk_input", HLL, List.of(direct, hllC(12, H4, 0, 3)));
        emit("rebuild_flag_both", HLL, List.of(direct, directUnionImage(11, hll(11, H8, 0, 5000), hll(11, H4, 1, 5000))));
        // HLL_4 exception (aux) tables, compact and updatable, curMin > 0
        HllSketch aux10 = hllWithAux(10, 0, 300000);
        HllSketch aux6 = hllWithAux(6, 7, 100000);
        emit("aux_compact_acc", HLL, List.of(aux10.toCompactByteArray(), hllC(10, H4, 5, 50)));
        emit("aux_updatable_acc", HLL, List.of(aux10.toUpdatableByteArray(), hllC(10, H6, 5, 5000)));
        emit("aux_compact_input", HLL, List.of(hllC(10, H8, 5, 50000), aux10.toCompactByteArray()));
        emit("aux_updatable_input", HLL, List.of(hllC(10, H4, 5, 50), aux10.toUpdatableByteArray()));
        emit("aux_lgk6_both", HLL, List.of(aux6.toCompactByteArray(), hllWithAux(6, 1L << 40, 100000).toUpdatableByteArray()));
        emit("aux_fold_into_smaller", HLL, List.of(aux10.toCompactByteArray(), hllC(7, H4, 0, 3000)));
        emit("aux_downsampled_gadget", HLL, List.of(aux6.toCompactByteArray(), aux10.toCompactByteArray()));
        emit("aux_set_input", HLL, List.of(aux10.toCompactByteArray(), hllC(10, H4, 77, 40)));
        emit("aux_result_has_aux", HLL, List.of(hllWithAux(12, 0, 200000).toCompactByteArray(), hllC(12, H8, 0, 200000)));
        // union cases by gadget mode and lgK
        emit("acc_hll_larger_than_set_input", HLL, List.of(hllC(14, H4, 0, 30000), set12));
        emit("acc_hll_larger_than_list_input", HLL, List.of(hllC(14, H6, 0, 30000), hllC(12, H4, 0, 3)));
        emit("acc_hll_larger_empty_input", HLL, List.of(hllC(14, H8, 0, 30000), empty12));
        emit("acc_hll_smaller_empty_input", HLL, List.of(hllC(9, H4, 0, 3000), empty12));
        emit("acc_hll_same_empty_input", HLL, List.of(hllC(12, H6, 0, 9000), empty12));
        emit("acc_set_empty_input", HLL, List.of(set12, empty12));
        emit("acc_set_updatable_empty_input", HLL, List.of(hll(12, H6, 9, 60).toUpdatableByteArray(), empty12));
        emit("acc_set_other_lgk_empty_input", HLL, List.of(hllC(13, H4, 9, 200), empty12));
        emit("acc_set_into_list_gadget_to_set", HLL, List.of(hllC(12, H4, 9, 200), hllC(12, H4, 0, 5)));
        emit("acc_set_into_small_lgk_list_gadget", HLL, List.of(hllC(12, H4, 9, 200), hllC(5, H4, 0, 3)));
        emit("acc_list_into_small_set", HLL, List.of(hllC(12, H4, 9, 6), hllC(8, H4, 0, 30)));
        emit("set_promotes_during_acc", HLL, List.of(hllC(13, H4, 0, 700), hllC(13, H8, 700, 700)));
        emit("list_promotes_small_lgk", HLL, List.of(hllC(7, H4, 0, 7), hllC(7, H6, 100, 7)));
        emit("list_promotes_lgk8", HLL, List.of(hllC(8, H4, 0, 7), hllC(8, H6, 100, 7)));
        // out-of-order gadgets (a union's result as the accumulator) keep accumulating HIP
        byte[] ooo = HLL_apply(hllC(11, H4, 0, 5000), hllC(11, H8, 3000, 5000));
        emit("ooo_acc_set_input", HLL, List.of(ooo, hllC(11, H4, 100000, 100)));
        emit("ooo_acc_larger_input", HLL, List.of(ooo, hllC(12, H4, 100000, 9000)));
        emit("ooo_input_list_acc", HLL, List.of(hllC(11, H4, 100000, 3), ooo));
        // crafted values Java reads without failing
        {
            byte[] h8 = hllC(8, H8, 0, 3000);
            for (int i = 40; i < h8.length; i += 7) h8[i] |= (byte) 0x80; // high bits of HLL_8 registers
            emit("crafted_hll8_high_bits_merge", HLL, List.of(hllC(8, H8, 0, 1000), h8));
            emit("crafted_hll8_high_bits_copy", HLL, List.of(h8, hllC(8, H4, 0, 3)));
            byte[] h4 = hllC(8, H4, 0, 3000);
            h4[6] = (byte) 60; // curMin 60: register values past 63
            emit("crafted_hll4_cur_min_60", HLL, List.of(hllC(8, H8, 0, 1000), h4));
            emit("crafted_hll4_cur_min_60_acc", HLL, List.of(h4, hllC(9, H8, 0, 1000)));
            byte[] upd = hll(12, H4, 0, 100).toUpdatableByteArray(); // SET, stated count too high
            upd[8] = (byte) (upd[8] + 5);
            emit("crafted_set_count_high", HLL, List.of(upd, empty12));
            emit("crafted_set_count_high_merge", HLL, List.of(upd, hllC(12, H4, 5000, 200)));
            byte[] dup = hllC(12, H4, 0, 40); // compact SET listing a coupon twice
            System.arraycopy(dup, 12, dup, 16, 4);
            emit("crafted_set_duplicate_coupon", HLL, List.of(dup, empty12));
            byte[] zeroValue = hllC(12, H4, 0, 3); // LIST coupon with value 0
            zeroValue[11] = 0;
            emit("crafted_list_value_zero", HLL, List.of(hllC(12, H4, 5, 3), zeroValue));
            byte[] hip = hllC(10, H4, 0, 9000); // NaN HIP accumulator is carried
            for (int i = 8; i < 16; i++) hip[i] = (byte) 0xFF;
            emit("crafted_nan_hip", HLL, List.of(hip, hllC(10, H4, 0, 3)));
            // an accumulator's lgK is not checked: 1-3 work (a result of lgK < 4), 0 fails
            emit("crafted_acc_lgk3_hll8", HLL, List.of(patch(hllC(4, H8, 0, 1000), 3, 3), hllC(12, H4, 0, 5000)));
            emit("crafted_acc_lgk1_hll6", HLL, List.of(patch(hllC(4, H6, 0, 1000), 3, 1), set12));
            emit("crafted_acc_lgk2_hll4", HLL, List.of(patch(hllC(4, H4, 0, 1000), 3, 2), empty12));
            emit("crafted_acc_lgk30_list", HLL, List.of(patch(hllC(12, H4, 0, 5), 3, 30), hllC(12, H4, 9, 3)));
            emit("err_acc_lgk0_hll8", HLL, List.of(patch(hllC(4, H8, 0, 1000), 3, 0), hllC(12, H4, 0, 5000)));
            // a table size byte whose low 5 bits Java shifts by (an updatable SET of 2^(37 & 31))
            emit("crafted_set_lgarr_37", HLL, List.of(patch(hll(12, H4, 0, 20).toUpdatableByteArray(), 4, 37), empty12));
        }
        // failures
        byte[] h4 = hllC(10, H4, 0, 9000);
        emit("err_input_lgk_3", HLL, List.of(hllC(12, H4, 0, 3), patch(hllC(4, H4, 0, 3), 3, 3)));
        emit("err_input_lgk_22", HLL, List.of(hllC(12, H4, 0, 3), patch(hllC(12, H4, 0, 3), 3, 22)));
        emit("err_empty_value", HLL, List.of(hllC(12, H4, 0, 3), new byte[0]));
        emit("err_empty_acc", HLL, List.of(new byte[0], hllC(12, H4, 0, 3)));
        emit("err_family", HLL, List.of(hllC(12, H4, 0, 3), patch(hllC(12, H4, 0, 3), 2, 3)));
        emit("err_version", HLL, List.of(patch(hllC(12, H4, 0, 3), 1, 2), hllC(12, H4, 0, 3)));
        emit("err_mode_3", HLL, List.of(hllC(12, H4, 0, 3), patch(hllC(12, H4, 0, 3), 7, 3)));
        emit("err_type_3", HLL, List.of(hllC(12, H4, 0, 3), patch(hllC(12, H4, 0, 3), 7, 12)));
        emit("err_preamble_mode", HLL, List.of(hllC(12, H4, 0, 3), patch(hllC(12, H4, 0, 3), 7, 2)));
        emit("err_registers_truncated", HLL, List.of(hllC(12, H4, 0, 3), Arrays.copyOf(h4, 400)));
        emit("err_list_count_9", HLL, List.of(hllC(12, H4, 0, 3), patch(hll(12, H4, 0, 3).toUpdatableByteArray(), 6, 9)));
        emit("err_set_table_truncated", HLL, List.of(hllC(12, H4, 0, 3), Arrays.copyOf(hll(12, H4, 0, 60).toUpdatableByteArray(), 100)));
        {
            byte[] noAux = hllC(10, H4, 0, 9000); // an exception token without an exception entry
            noAux[40] |= 0x0F;
            emit("err_aux_token_without_entry", HLL, List.of(hllC(10, H4, 0, 3), noAux));
            emit("err_aux_token_without_entry_acc", HLL, List.of(noAux, hllC(10, H8, 0, 30000)));
        }
        // random chains over every input kind, including direct-union images and aux tables
        for (int i = 0; i < 30; i++) {
            int n = 2 + rnd3.nextInt(4);
            List<byte[]> ins = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                int lgK = 4 + rnd3.nextInt(11);
                TgtHllType t = new TgtHllType[] {H4, H6, H8}[rnd3.nextInt(3)];
                int shape = rnd3.nextInt(5);
                long cnt = shape == 0 ? rnd3.nextInt(12) : shape == 1 ? rnd3.nextInt(1 << (lgK - 1))
                        : shape == 2 ? rnd3.nextInt(1 << (lgK + 3)) : shape == 3 ? (1L << lgK) * (200 + rnd3.nextInt(2000)) : 0;
                long start = rnd3.nextLong(1L << 40);
                if (shape == 4) ins.add(directUnionImage(lgK, hll(lgK, t, start, 8L << lgK), hll(lgK, H4, start + 7, 8L << lgK)));
                else {
                    HllSketch s = hll(lgK, t, start, cnt);
                    ins.add(rnd3.nextInt(3) == 0 ? s.toUpdatableByteArray() : s.toCompactByteArray());
                }
            }
            emit("more_random_" + i, HLL, ins);
        }
    }

    static byte[] HLL_apply(byte[] a, byte[] b) {
        try { return HLL.apply(a, b); } catch (Exception e) { throw new RuntimeException(e); }
    }

    public static void main(String[] args) throws Exception {
        String dir = args.length > 0 ? args[0] : ".";
        String[] names = {"rbm64", "theta_sketch", "hll_sketch"};
        for (String n : names) {
            try (PrintWriter w = new PrintWriter(new FileWriter(new File(dir, n + ".txt")))) {
                out = w;
                w.println("# " + n + ": generated by GenVectors.java; see README.md");
                if (n.equals("rbm64")) genRbm64();
                else if (n.equals("theta_sketch")) genTheta();
                else genHll();
            }
        }
    }
}
