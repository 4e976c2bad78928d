"""Fast BLIS kernels on CPUs the ``blis`` 1.x wheels do not recognise.

spaCy's models (the NER's tok2vec and its state layer, the ``senter``) do
their matrix products with BLIS through thinc. The ``blis`` 1.x wheels that
thinc 8.3 requires hold the kernel sets up to AMD Zen 2 (``zen``, ``zen2``,
``haswell``, ``skx``, …) but no ``zen3``, and BLIS picks a set by CPU family:
on family 19h (Zen 3 and Zen 4: EPYC Milan and Genoa, Ryzen 5000 and 7000)
it finds none and falls back to ``generic``, plain C without AVX2, several
times slower on the model's matrix shapes (``BLIS_ARCH_DEBUG=1`` shows the
choice). ``blis`` 0.7 (spaCy 3.7, thinc 8.2) carried a patch that used
``zen2`` there (explosion/cython-blis PR 54); 1.x lost it. This is the main
reason spaCy 3.7.5 ran the model faster than 3.8 on such machines, with the
same output (docs/scale.md: the rest of the difference is elsewhere).

`use_fast_kernels` restores it in this process: when BLIS has chosen
``generic`` on an x86-64 CPU that has AVX2 and FMA, it re-initialises BLIS's
active context with the ``zen2`` kernels (``haswell`` on other vendors; both
only need AVX2 and FMA), through BLIS's own exported functions, in each copy
of BLIS the ``blis`` package loads (``blis.cy``, which thinc and spaCy call,
and ``blis.py``). A product of known matrices is then checked against numpy;
if it differs, the generic kernels are put back. Nothing changes on a CPU
BLIS recognises, off x86-64, or with ``PIPELINE_BLIS_KERNELS=off``; a kernel
set can also be named there (``zen2``, ``haswell``, ``skx``, …).
"""

from __future__ import annotations

import ctypes
import os
import platform

ENV = "PIPELINE_BLIS_KERNELS"
FALLBACK = "generic"
_chosen: tuple[str, str, str] | None = None  # (kernel set in use, the one BLIS detected, a note)


def use_fast_kernels() -> str:
    """Makes BLIS use AVX2 kernels where it fell back to generic ones; returns what is in use, as a phrase.

    Done once per process (a forked worker inherits it); later calls return
    the first answer.
    """
    global _chosen
    if _chosen is None:
        try:
            _chosen = _select(os.environ.get(ENV, "auto").strip().lower() or "auto")
        except Exception as exc:  # never stop a run over a speed-up
            _chosen = ("", "", f"unchanged ({type(exc).__name__}: {exc})")
    active, detected, note = _chosen
    if active and active != detected:
        return f"{active} (BLIS detected {detected}){note}"
    return f"{active or 'as detected'}{note}"


def kernel_sets() -> tuple[str, str]:
    """``(kernel set in use, kernel set BLIS detected)`` after `use_fast_kernels` (equal when nothing was changed)."""
    use_fast_kernels()
    active, detected, _ = _chosen
    return active, detected


def _libraries() -> list[ctypes.CDLL]:
    import blis.cy
    import blis.py

    libs = []
    for module in (blis.cy, blis.py):
        lib = ctypes.CDLL(module.__file__)
        lib.bli_init()
        lib.bli_gks_query_cntx.restype = ctypes.c_void_p
        lib.bli_arch_query_id.restype = ctypes.c_int
        lib.bli_arch_string.restype = ctypes.c_char_p
        libs.append(lib)
    return libs


def _arch(lib: ctypes.CDLL) -> str:
    return lib.bli_arch_string(lib.bli_arch_query_id()).decode()


def _detected() -> str:
    try:
        return _arch(_libraries()[0])
    except Exception:
        return "unknown"


def _cpu() -> tuple[str, set[str]]:
    """Vendor and flags of the CPU (Linux ``/proc/cpuinfo``); empty elsewhere."""
    vendor, flags = "", set()
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                key = key.strip()
                if key == "vendor_id":
                    vendor = value.strip()
                elif key == "flags":
                    flags = set(value.split())
                    break
    except OSError:
        pass
    return vendor, flags


def _select(wanted: str) -> tuple[str, str, str]:
    if wanted == "off":
        detected = _detected()
        return detected, detected, f" (left as detected: {ENV}=off)"
    if platform.machine().lower() not in ("x86_64", "amd64"):
        detected = _detected()
        return detected, detected, ""
    libs = _libraries()
    detected = _arch(libs[0])
    if wanted == "auto":
        if detected != FALLBACK:
            return detected, detected, ""
        vendor, flags = _cpu()
        if not {"avx2", "fma"} <= flags:
            return detected, detected, ""
        wanted = "zen2" if vendor == "AuthenticAMD" else "haswell"
    set_kernels(wanted)
    if not all(_products_right(lib) for lib in libs):
        set_kernels(detected)
        return detected, detected, f" ({wanted} kernels gave wrong products)"
    return wanted, detected, ""


def set_kernels(name: str) -> None:
    """Re-initialises BLIS's active context, in each copy of BLIS, with the kernel set ``name``.

    For `use_fast_kernels`, and for ``make bench`` to time the model with the
    kernels BLIS chose itself. Raises AttributeError for a set this build of
    BLIS does not hold.
    """
    for lib in _libraries():
        init = getattr(lib, f"bli_cntx_init_{name}")
        init(ctypes.c_void_p(lib.bli_gks_query_cntx()))


def _products_right(lib: ctypes.CDLL) -> bool:
    """Checks one BLIS copy's float32 products (``bli_sgemm``) against numpy's, on shapes the model uses.

    Small shapes and shapes large enough to be packed, row- and column-major.
    """
    import numpy

    rng = numpy.random.default_rng(0)
    dim, ptr = ctypes.c_int64, ctypes.c_void_p
    one, zero = ctypes.c_float(1.0), ctypes.c_float(0.0)
    for m, k, n in ((1, 3, 2), (7, 96, 192), (64, 288, 96), (600, 384, 300)):
        a = rng.standard_normal((m, k), dtype=numpy.float32)
        b = rng.standard_normal((k, n), dtype=numpy.float32)
        want = a.astype(numpy.float64) @ b.astype(numpy.float64)
        for a_in in (a, numpy.asfortranarray(a)):
            c = numpy.zeros((m, n), dtype=numpy.float32)
            rs_a, cs_a = (s // 4 for s in a_in.strides)
            lib.bli_sgemm(
                0, 0, dim(m), dim(n), dim(k), ctypes.byref(one),
                ptr(a_in.ctypes.data), dim(rs_a), dim(cs_a), ptr(b.ctypes.data), dim(n), dim(1),
                ctypes.byref(zero), ptr(c.ctypes.data), dim(n), dim(1),
            )  # fmt: skip
            if not numpy.allclose(c, want, rtol=1e-4, atol=1e-4 * max(1.0, float(numpy.abs(want).max()))):
                return False
    return True
