//! The `Store` service of `tests/idl/rpc.thrift` with a handler, shared by the RPC tests.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::thread;
use std::time::Duration;

use thrift_core::ErrorKind;

thrift_core::thrift!("tests/idl/rpc.thrift");

/// Keeps items in memory; `crash` panics or fails on request, `slow` sleeps.
#[derive(Default)]
pub struct StoreHandler {
    items: Mutex<BTreeMap<i64, Item>>,
}

impl rpc_base::BaseService for StoreHandler {
    fn name(&self) -> Result<String, thrift_core::Error> {
        Ok("store".into())
    }

    fn add(&self, a: i32, b: i32) -> Result<i32, thrift_core::Error> {
        Ok(a.wrapping_add(b))
    }
}

impl Store for StoreHandler {
    fn get(&self, id: i64) -> Result<Item, store::GetError> {
        match id {
            0 => Err(rpc_base::Unavailable {
                why: Some("maintenance".into()),
            }
            .into()),
            id if id < 0 => Err(Rejected {
                code: Some(400),
                reason: Some("negative id".into()),
            }
            .into()),
            id => Ok(self
                .items
                .lock()
                .unwrap()
                .get(&id)
                .cloned()
                .unwrap_or(Item { id, label: None })),
        }
    }

    fn put(&self, item: Item) -> Result<(), store::PutError> {
        if item.label.as_deref() == Some("") {
            return Err(Rejected {
                code: Some(422),
                reason: None,
            }
            .into());
        }
        self.items.lock().unwrap().insert(item.id, item);
        Ok(())
    }

    fn all(&self) -> Result<Vec<Item>, thrift_core::Error> {
        Ok(self.items.lock().unwrap().values().cloned().collect())
    }

    fn forget(&self, id: i64) -> Result<(), thrift_core::Error> {
        self.items.lock().unwrap().remove(&id);
        Ok(())
    }

    fn echo(&self, text: String, times: i32) -> Result<String, thrift_core::Error> {
        Ok(text.repeat(times.max(0) as usize))
    }

    fn crash(&self, how: String) -> Result<i32, thrift_core::Error> {
        match how.as_str() {
            "panic" => panic!("the handler fell over"),
            _ => Err(thrift_core::Error::new(
                ErrorKind::InvalidData,
                "refused on purpose",
            )),
        }
    }

    fn slow(&self, millis: i32) -> Result<(), thrift_core::Error> {
        thread::sleep(Duration::from_millis(millis as u64));
        Ok(())
    }
}

/// Says hello.
pub struct OtherHandler;

impl Other for OtherHandler {
    fn hello(&self, who: String) -> Result<String, thrift_core::Error> {
        Ok(format!("hello, {who}"))
    }

    fn length(&self, text: String) -> Result<i32, thrift_core::Error> {
        Ok(text.len() as i32)
    }

    fn sum(
        &self,
        a: i64,
        b: i64,
        c: i64,
        d: i64,
        e: i64,
        f: i64,
        g: i64,
        h: i64,
        i: i64,
        j: i64,
        k: i64,
        l: i64,
        m: i64,
        n: i64,
        o: i64,
        p: i64,
        q: i64,
    ) -> Result<i64, thrift_core::Error> {
        Ok([a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q]
            .iter()
            .sum())
    }
}
