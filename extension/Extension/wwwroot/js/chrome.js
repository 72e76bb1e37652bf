// The thin layer between C# and the chrome.* APIs. Values cross as JSON strings so the C# side
// deserializes with its source-generated context. Nothing here talks to the API or holds tokens
// beyond handing storage values through.

export async function storageGet(area, key) {
  const result = await chrome.storage[area].get(key);
  return result[key] === undefined ? null : JSON.stringify(result[key]);
}

export async function storageSet(area, key, json) {
  await chrome.storage[area].set({ [key]: JSON.parse(json) });
}

export async function storageRemove(area, key) {
  await chrome.storage[area].remove(key);
}

export function openOptionsPage() {
  return chrome.runtime.openOptionsPage();
}

export function extensionId() {
  return chrome.runtime.id;
}
