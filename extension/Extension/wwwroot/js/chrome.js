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

// A page of the extension (the People page) in a new tab.
export async function openExtensionPage(path) {
  await chrome.tabs.create({ url: chrome.runtime.getURL(path) });
}

export function extensionId() {
  return chrome.runtime.id;
}

// The tab the popup works on: the active tab of the popup's window.
export async function activeTabId() {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab && tab.id !== undefined ? tab.id : -1;
}

// Reads a tab's HTML on demand. activeTab grants this only after the user invoked the extension
// on that tab; there is no content script on any site.
export async function readPage(tabId) {
  try {
    const [injection] = await chrome.scripting.executeScript({
      target: { tabId },
      func: () => ({
        html: document.documentElement.outerHTML,
        url: location.href,
        title: document.title,
        selection: String(window.getSelection() || ''),
      }),
    });
    return JSON.stringify({ ok: true, ...injection.result });
  } catch (e) {
    return JSON.stringify({ ok: false, error: String((e && e.message) || e) });
  }
}

export async function setBadge(tabId, text, color, title) {
  await chrome.action.setBadgeText({ tabId, text });
  if (color) await chrome.action.setBadgeBackgroundColor({ tabId, color });
  await chrome.action.setTitle({ tabId, title: title || 'Compliance Connect' });
}
