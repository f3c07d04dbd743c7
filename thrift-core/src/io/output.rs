//! Outputs: growable buffers, any `BufMut`, and a counter for the size pass.

use std::mem::MaybeUninit;

use bytes::{BufMut, BytesMut};

/// A sink of bytes for a protocol writer. Writes are infallible: the bytes go to memory, and
/// transports send them on `flush`.
pub trait Output {
    /// Appends one byte.
    fn put_u8(&mut self, byte: u8);

    /// Appends a slice.
    fn put_slice(&mut self, bytes: &[u8]);

    /// Appends a fixed-size array (lets the compiler emit a single store).
    #[inline]
    fn put_array<const N: usize>(&mut self, bytes: [u8; N]) {
        self.put_slice(&bytes)
    }

    /// Hints that `additional` more bytes are coming.
    #[inline]
    fn reserve(&mut self, additional: usize) {
        let _ = additional;
    }

    /// Appends `convert` of each of `items`, every one `size` (not 0) bytes long (a list of
    /// fixed-width numbers). This default stages them in a stack buffer: one `put_slice` per
    /// 128 bytes instead of a capacity check per item. Outputs that own their memory write
    /// straight into it.
    #[doc(hidden)]
    #[inline]
    fn put_each<T: Copy, B: AsRef<[u8]>>(
        &mut self,
        items: &[T],
        size: usize,
        convert: impl Fn(T) -> B,
    ) {
        // A bigger buffer costs a `memset` call per list to zero it.
        let mut buf = [0u8; 128];
        for chunk in items.chunks(buf.len() / size) {
            let staged = &mut buf[..chunk.len() * size];
            for (dst, &item) in staged.chunks_exact_mut(size).zip(chunk) {
                dst.copy_from_slice(convert(item).as_ref());
            }
            self.put_slice(staged);
        }
    }
}

impl<O: Output + ?Sized> Output for &mut O {
    #[inline]
    fn put_u8(&mut self, byte: u8) {
        (**self).put_u8(byte)
    }
    #[inline]
    fn put_slice(&mut self, bytes: &[u8]) {
        (**self).put_slice(bytes)
    }
    #[inline]
    fn put_array<const N: usize>(&mut self, bytes: [u8; N]) {
        (**self).put_array(bytes)
    }
    #[inline]
    fn reserve(&mut self, additional: usize) {
        (**self).reserve(additional)
    }
    #[inline]
    fn put_each<T: Copy, B: AsRef<[u8]>>(
        &mut self,
        items: &[T],
        size: usize,
        convert: impl Fn(T) -> B,
    ) {
        (**self).put_each(items, size, convert)
    }
}

/// Implements [`Output`] for a type by appending to one of its `Vec<u8>` fields.
macro_rules! forward_output {
    ($(@[$($generics:tt)*])? $ty:ty, $field:ident) => {
        impl$(<$($generics)*>)? $crate::io::Output for $ty {
            #[inline]
            fn put_u8(&mut self, byte: u8) {
                self.$field.push(byte)
            }
            #[inline]
            fn put_slice(&mut self, bytes: &[u8]) {
                self.$field.extend_from_slice(bytes)
            }
            #[inline]
            fn reserve(&mut self, additional: usize) {
                self.$field.reserve(additional)
            }
            #[inline]
            fn put_each<T: Copy, B: AsRef<[u8]>>(
                &mut self,
                items: &[T],
                size: usize,
                convert: impl Fn(T) -> B,
            ) {
                $crate::io::Output::put_each(&mut self.$field, items, size, convert)
            }
        }
    };
}
pub(crate) use forward_output;

/// Implements [`Output`] for a growable buffer that owns its memory. `put_each` reserves
/// once, then converts every item straight into the spare capacity in a loop the compiler
/// can vectorise: no staging copy and no capacity check per item.
macro_rules! growable_output {
    ($($buf:ty: $push:path),*) => {$(
        impl Output for $buf {
            #[inline]
            fn put_u8(&mut self, byte: u8) {
                $push(self, byte)
            }
            #[inline]
            fn put_slice(&mut self, bytes: &[u8]) {
                self.extend_from_slice(bytes)
            }
            #[inline]
            fn reserve(&mut self, additional: usize) {
                <$buf>::reserve(self, additional)
            }
            #[inline]
            fn put_each<T: Copy, B: AsRef<[u8]>>(
                &mut self,
                items: &[T],
                size: usize,
                convert: impl Fn(T) -> B,
            ) {
                self.reserve(items.len().saturating_mul(size));
                let mut written = 0;
                for (dst, &item) in self.spare_capacity_mut().chunks_exact_mut(size).zip(items) {
                    dst.copy_from_slice(as_uninit(convert(item).as_ref()));
                    written += 1;
                }
                // SAFETY: the loop initialised `written` items of `size` bytes
                // (`copy_from_slice` panics rather than copy a short item).
                unsafe { self.set_len(self.len() + written * size) };
                // Nothing is left unless `reserve` reserved less than it promised.
                for &item in &items[written..] {
                    self.extend_from_slice(convert(item).as_ref());
                }
            }
        }
    )*};
}

growable_output!(Vec<u8>: Vec::push, BytesMut: BufMut::put_u8);

/// Initialised bytes, as the `MaybeUninit`s of a spare capacity.
#[inline]
fn as_uninit(bytes: &[u8]) -> &[MaybeUninit<u8>] {
    // SAFETY: `MaybeUninit<u8>` has the layout of `u8`, and an initialised byte is a valid
    // `MaybeUninit<u8>`; the slice is only read.
    unsafe { &*(bytes as *const [u8] as *const [MaybeUninit<u8>]) }
}

/// Adapts any [`BufMut`] (a fixed `&mut [u8]`, a chain, ...) as an [`Output`].
///
/// `BufMut` panics when it runs out of room, so the one-liners check the encoded size against
/// [`BufMut::remaining_mut`] before writing through this adapter.
#[derive(Debug)]
pub struct BufMutOutput<B>(pub B);

impl<B: BufMut> Output for BufMutOutput<B> {
    #[inline]
    fn put_u8(&mut self, byte: u8) {
        self.0.put_u8(byte)
    }
    #[inline]
    fn put_slice(&mut self, bytes: &[u8]) {
        self.0.put_slice(bytes)
    }
}

/// Counts bytes instead of storing them: running a writer over it computes the exact encoded
/// size, so a buffer can be reserved once.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SizeCounter(pub usize);

impl Output for SizeCounter {
    #[inline]
    fn put_u8(&mut self, _: u8) {
        self.0 += 1;
    }
    #[inline]
    fn put_slice(&mut self, bytes: &[u8]) {
        self.0 += bytes.len();
    }
    #[inline]
    fn put_array<const N: usize>(&mut self, _: [u8; N]) {
        self.0 += N;
    }
    #[inline]
    fn put_each<T: Copy, B: AsRef<[u8]>>(&mut self, items: &[T], size: usize, _: impl Fn(T) -> B) {
        self.0 += items.len() * size;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_output_puts_each_item_in_order() {
        for len in [0, 1, 31, 32, 33, 100] {
            let items: Vec<i32> = (0..len).map(|i| i * 0x0102_0304 - 7).collect();
            let expected: Vec<u8> = [9]
                .into_iter()
                .chain(items.iter().flat_map(|n| n.to_be_bytes()))
                .collect();

            let mut vec = vec![9];
            vec.put_each(&items, 4, i32::to_be_bytes);
            assert_eq!(vec, expected, "Vec, {len} items");

            let mut bytes = BytesMut::from(&[9][..]);
            bytes.put_each(&items, 4, i32::to_be_bytes);
            assert_eq!(bytes, expected, "BytesMut, {len} items");

            // The staging default, through an output that only knows `put_slice`.
            let mut staged = BufMutOutput(vec![9]);
            staged.put_each(&items, 4, i32::to_be_bytes);
            assert_eq!(staged.0, expected, "staged, {len} items");

            // Transports forward to the `Vec` they write into.
            let mut transport = crate::transport::MemoryTransport::new(Vec::new());
            transport.put_u8(9);
            transport.put_each(&items, 4, i32::to_be_bytes);
            assert_eq!(transport.written(), expected, "transport, {len} items");

            let mut counter = SizeCounter(1);
            counter.put_each(&items, 4, i32::to_be_bytes);
            assert_eq!(counter.0, expected.len(), "SizeCounter, {len} items");
        }
    }

    #[test]
    fn size_counter_counts() {
        let mut c = SizeCounter::default();
        c.put_u8(1);
        c.put_array([0; 4]);
        c.put_slice(b"abc");
        assert_eq!(c.0, 8);
    }
}
