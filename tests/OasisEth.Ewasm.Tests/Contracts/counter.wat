;; A counter as an Ewasm contract: each call adds one to slot 0 and returns the new count (a 256-bit big-endian word).
(module
  (import "ethereum" "storageLoad" (func $sload (param i32 i32)))
  (import "ethereum" "storageStore" (func $sstore (param i32 i32)))
  (import "ethereum" "finish" (func $finish (param i32 i32)))
  (memory 1)
  (export "memory" (memory 0))
  (export "main" (func $main))
  ;; key at 0..32 (zero), value at 32..64; the count lives in the value's last 8 bytes.
  (func $main (local $count i64)
    (call $sload (i32.const 0) (i32.const 32))
    (local.set $count (i64.add (call $load_be64 (i32.const 56)) (i64.const 1)))
    (call $store_be64 (i32.const 56) (local.get $count))
    (call $sstore (i32.const 0) (i32.const 32))
    (call $finish (i32.const 32) (i32.const 32)))
  (func $load_be64 (param $at i32) (result i64) (local $i i32) (local $v i64)
    (loop $next
      (local.set $v (i64.or (i64.shl (local.get $v) (i64.const 8))
                            (i64.extend_i32_u (i32.load8_u (i32.add (local.get $at) (local.get $i))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (i32.const 8))))
    (local.get $v))
  (func $store_be64 (param $at i32) (param $v i64) (local $i i32)
    (local.set $i (i32.const 7))
    (loop $next
      (i64.store8 (i32.add (local.get $at) (local.get $i)) (local.get $v))
      (local.set $v (i64.shr_u (local.get $v) (i64.const 8)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br_if $next (i32.ge_s (local.get $i) (i32.const 0))))))
