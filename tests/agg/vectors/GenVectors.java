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
