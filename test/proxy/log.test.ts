import { describe, expect, it } from 'vitest'
import { clip, MAX_LOG_MESSAGE, streamLogger } from '../../src/proxy/log.js'

describe('log lines', () => {
  it('clip keeps short text and cuts long text with an ellipsis and the original length', () => {
    expect(clip('short')).toBe('short')
    expect(clip('x'.repeat(10), 4)).toBe('xxxx... (10 chars)')
  })

  it('every line of a stream logger is bounded, redacted before it is cut', () => {
    const lines: string[] = []
    const log = streamLogger((line) => lines.push(line), true)
    const path = `/example.com/${'a'.repeat(16_000)}/@v/list`
    log.warn(`upstream https://user:pw@x.example/ failed for ${path}`)
    log.debug(path)
    expect(lines).toHaveLength(2)
    for (const line of lines) {
      expect(line.length).toBeLessThan(MAX_LOG_MESSAGE + 100)
      expect(line).toMatch(/\.\.\. \(\d+ chars\)\n$/)
    }
    expect(lines[0]).toContain('https://***@x.example/')
    expect(lines[0]).not.toContain('pw')
  })
})
